using System.Text.RegularExpressions;
using Xunit;

namespace ConfLint.Tests.Analyzers.PhpIni;

/// <summary>The examples of rules/CL4xxx.md for php.ini rules: the failing one raises the rule, the fixed one does not.</summary>
public sealed partial class PhpIniRuleDocTests
{
    [GeneratedRegex("^## (?<heading>Failing example|Fixed example)\\s*\\n```ini path=(?<path>\\S+)\\n(?<body>.*?)```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Example();

    public static IEnumerable<object[]> Rules() =>
        new[] { "CL4002", "CL4003", "CL4004", "CL4005", "CL4009", "CL4010" }.Select(id => new object[] { id });

    [Theory]
    [MemberData(nameof(Rules))]
    public void Doc_examples_behave_as_documented(string id)
    {
        var doc = File.ReadAllText(RepoPaths.InRepo($"rules/{id}.md"));
        var examples = Example().Matches(doc).ToList();
        Assert.Equal(2, examples.Count);
        foreach (Match m in examples)
        {
            var found = PhpIniLint.Of(id, m.Groups["body"].Value, "/" + m.Groups["path"].Value);
            if (m.Groups["heading"].Value == "Failing example") Assert.NotEmpty(found);
            else Assert.Empty(found);
        }
    }
}
