using System.Text.RegularExpressions;
using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests.Analyzers.Apache;

/// <summary>The examples of the dictionary rules' docs (rules/CL1003.md …): the failing one raises the rule, the fixed one does not.</summary>
public class DirectiveRuleDocExampleTests
{
    private static readonly Regex Block = new(@"^## (Failing|Fixed) example\n(?:Options: (?<options>[^\n]*)\n)?```(?<lang>\w+) path=(?<path>\S+)\n(?<body>.*?)```", RegexOptions.Multiline | RegexOptions.Singleline);

    [Theory]
    [InlineData("CL1003")]
    [InlineData("CL1004")]
    [InlineData("CL1005")]
    [InlineData("CL1008")]
    public void Failing_example_raises_the_rule_and_fixed_example_does_not(string id)
    {
        var doc = File.ReadAllText(RepoPaths.InRepo($"rules/{id}.md")).Replace("\r\n", "\n");
        var examples = Block.Matches(doc).ToList();
        Assert.Equal(2, examples.Count);
        foreach (var example in examples)
        {
            var modules = Regex.Matches(example.Groups["options"].Value, @"--module (\S+)").Select(m => m.Groups[1].Value).ToArray();
            var htaccess = example.Groups["lang"].Value == "htaccess";
            var found = DirectiveRuleHarness.Only(id, example.Groups["body"].Value, htaccess, modules);
            if (example.Groups[1].Value == "Failing") Assert.NotEmpty(found);
            else Assert.Empty(found);
        }
    }
}
