using System.Text.RegularExpressions;
using ConfLint.Diagnostics;
using ConfLint.Hosting;
using Xunit;

namespace ConfLint.Tests.Hosting;

/// <summary>
/// Runs the examples of a rules/CLnnnn.md document: each example's blocks are written into a
/// temp host tree and the first block's file is linted (with --root at the tree); the failing
/// example must raise the rule, the fixed one must not.
/// </summary>
public static class RuleDocExamples
{
    private static readonly Regex Block = new(@"^```(?<lang>\w+) path=(?<path>\S+)\n(?<body>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.CultureInvariant);

    public static void Verify(string ruleId)
    {
        var doc = File.ReadAllText(RepoPaths.InRepo($"rules/{ruleId}.md"));
        Assert.StartsWith($"# {ruleId}: ", doc);
        var failing = Lint(Section(doc, "## Failing example"));
        Assert.Contains(failing, d => d.Id == ruleId);
        var fixedOne = Lint(Section(doc, "## Fixed example"));
        Assert.DoesNotContain(fixedOne, d => d.Id == ruleId);
    }

    private static string Section(string doc, string heading)
    {
        int start = doc.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no '{heading}'");
        start += heading.Length + 2;
        int end = doc.IndexOf("\n## ", start, StringComparison.Ordinal);
        return end < 0 ? doc[start..] : doc[start..end];
    }

    private static IReadOnlyList<Diagnostic> Lint(string section)
    {
        bool noDisk = section.StartsWith("Options:", StringComparison.Ordinal) && section.Split('\n')[0].Contains("--no-disk", StringComparison.Ordinal);
        using var tree = new TempHostTree();
        var blocks = Block.Matches(section).ToList();
        Assert.NotEmpty(blocks);
        foreach (var b in blocks) tree.Write("/" + b.Groups["path"].Value, b.Groups["body"].Value);
        var first = blocks[0];
        IFrontEnd frontEnd = first.Groups["lang"].Value switch
        {
            "fpm" => new FpmFrontEnd(),
            "sh" => new WrapperFrontEnd(),
            "passwd" => new PasswdFrontEnd(),
            "group" => new GroupFrontEnd(),
            var other => throw new InvalidOperationException("no front end here for " + other),
        };
        return tree.Lint(frontEnd, "/" + first.Groups["path"].Value, noDisk);
    }
}
