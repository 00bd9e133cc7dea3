using ConfLint.Analyzers;
using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Reporting;
using Xunit;

namespace ConfLint.Tests.Rules;

/// <summary>The catalogue and rules/*.md agree, and every doc's examples do what they say.</summary>
public class RuleDocTests
{
    private static IReadOnlyList<string> DocIds() => Directory.GetFiles(RuleDocFiles.Directory, "*.md")
        .Select(f => Path.GetFileNameWithoutExtension(f))
        .Order(StringComparer.Ordinal)
        .ToList();

    private static RuleDoc? ReadDoc(string id)
    {
        var path = Path.Combine(RuleDocFiles.Directory, id + ".md");
        return File.Exists(path) ? RuleDocParser.Parse(File.ReadAllText(path)) : null;
    }

    /// <summary>Every rule of the catalogue and every doc file, each once: nothing is left out of the theory.</summary>
    public static TheoryData<string> AllIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in RuleCatalog.Descriptors.Select(d => d.Id).Union(DocIds()).Order(StringComparer.Ordinal)) data.Add(id);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Rule_and_doc_agree(string id)
    {
        var descriptor = RuleCatalog.Find(id);
        Assert.True(descriptor is not null, $"rules/{id}.md documents a rule that is not in RuleCatalog");
        var doc = ReadDoc(id);
        Assert.True(doc is not null, $"rule {id} has no rules/{id}.md");
        Assert.True(doc!.IsWellFormed, $"rules/{id}.md: " + string.Join("; ", doc.Problems));
        Assert.Equal(id, doc.Id);
        Assert.Equal(descriptor!.Title, doc.Title);
        Assert.Equal(descriptor.DefaultSeverity.ToName(), doc.Severity);
        Assert.Equal(descriptor.Category, doc.Category);
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Failing_example_raises_the_rule(string id)
    {
        var diagnostics = LintExample(id, d => d.Failing);
        Assert.True(diagnostics.Any(d => d.Id == id),
            $"rules/{id}.md: the failing example does not raise {id}; it raised: {Describe(diagnostics)}");
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Fixed_example_does_not_raise_the_rule(string id)
    {
        var diagnostics = LintExample(id, d => d.Fixed);
        Assert.False(diagnostics.Any(d => d.Id == id),
            $"rules/{id}.md: the fixed example still raises {id}: {Describe(diagnostics.Where(d => d.Id == id).ToList())}");
    }

    [Fact]
    public void Every_doc_is_compiled_into_the_assembly()
    {
        Assert.Equal(DocIds(), RuleDocLibrary.EmbeddedIds());
        foreach (var id in DocIds())
            Assert.Equal(File.ReadAllText(Path.Combine(RuleDocFiles.Directory, id + ".md")), RuleDocLibrary.Embedded.Markdown(id));
    }

    private static IReadOnlyList<Diagnostic> LintExample(string id, Func<RuleDoc, RuleDocExample?> pick)
    {
        var doc = ReadDoc(id);
        Assert.True(doc is not null, $"rule {id} has no rules/{id}.md");
        Assert.True(doc!.IsWellFormed, $"rules/{id}.md: " + string.Join("; ", doc.Problems));
        var example = pick(doc)!;
        using var tree = DocExampleTree.Write(example);
        // The runner the CLI's `lint` uses: an example behaves as `conflint lint --root TREE TREE/input`.
        return LintRunner.Run(tree.Request(example)).Diagnostics;
    }

    private static string Describe(IReadOnlyList<Diagnostic> diagnostics) =>
        diagnostics.Count == 0 ? "nothing" : string.Join("; ", diagnostics.Select(d => $"{d.Id} {d.Message}"));
}
