using System.Text.RegularExpressions;
using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Tests.Syntax.Apache;
using Xunit;

namespace ConfLint.Tests.Analyzers.Apache;

/// <summary>Helpers for the Apache rule tests: lint a one-file tree, and run a rule doc's examples.</summary>
public static partial class ApacheRuleTestKit
{
    public static IReadOnlyList<Diagnostic> Lint(string apache2Conf, params (string Path, string Text)[] files)
    {
        using var tree = ApacheTestTree.WithMain(apache2Conf);
        foreach (var (p, t) in files) tree.File(p, t);
        return tree.Lint();
    }

    public static IReadOnlyList<Diagnostic> Only(this IReadOnlyList<Diagnostic> diagnostics, string id) =>
        diagnostics.Where(d => d.Id == id).ToList();

    [GeneratedRegex(@"^## (?<heading>Failing example|Fixed example)\s*$(?<body>.*?)(?=^## )", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ExampleSection();

    [GeneratedRegex(@"^```(?<lang>\w+) path=(?<path>\S+)\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    /// <summary>Lints the failing and fixed examples of rules/ID.md: the failing one must raise the rule, the fixed one must not.</summary>
    public static void AssertDocExamples(string id)
    {
        var doc = File.ReadAllText(RepoPaths.InRepo($"rules/{id}.md"));
        Assert.StartsWith($"# {id}: ", doc);
        var sections = ExampleSection().Matches(doc).ToDictionary(m => m.Groups["heading"].Value, m => m.Groups["body"].Value);
        Assert.True(sections.ContainsKey("Failing example") && sections.ContainsKey("Fixed example"), $"{id}.md lacks an example heading");
        foreach (var (heading, body) in sections)
        {
            var blocks = CodeBlock().Matches(body).ToList();
            Assert.NotEmpty(blocks);
            using var tree = new ApacheTestTree();
            foreach (var b in blocks) tree.File("/" + b.Groups["path"].Value, b.Groups["code"].Value);
            var first = blocks[0];
            var kind = first.Groups["lang"].Value == "htaccess" ? InputKind.Htaccess : InputKind.Apache;
            var ids = tree.Lint("/" + first.Groups["path"].Value, kind: kind).Select(d => d.Id).ToList();
            if (heading == "Failing example") Assert.True(ids.Contains(id), $"{id} failing example raised [{string.Join(", ", ids)}]");
            else Assert.False(ids.Contains(id), $"{id} fixed example raised {id}");
        }
    }
}
