using ConfLint.Tests.Oracles;
using Xunit;
using Xunit.Abstractions;

namespace ConfLint.Tests.Differential;

public class ApacheMutationGeneratorTests
{
    private readonly ITestOutputHelper _output;

    public ApacheMutationGeneratorTests(ITestOutputHelper output) => _output = output;

    [SkippableTheory]
    [InlineData("debian")]
    [InlineData("h5bp")]
    [InlineData("httpd-2.4.x")]
    public void Generation_is_deterministic_and_every_mutation_changes_the_tree(string name)
    {
        ApacheOracle.Require();
        ApacheOracle.RequireNssWrapper();
        using var baseTree = ApacheTrees.Build(name);
        var files = ApacheOracle.IncludedFiles(baseTree.ToCheck());
        var text = ApacheMutationGenerator.Read(baseTree, files);
        var first = new ApacheMutationGenerator(ApacheStructuralDifferentialTests.Seed).Generate(text);
        var second = new ApacheMutationGenerator(ApacheStructuralDifferentialTests.Seed).Generate(text);
        Assert.Equal(first.Select(m => m.ToString()), second.Select(m => m.ToString()));
        Assert.Equal(first.Count, first.Select(m => m.Id).Distinct().Count());

        foreach (var m in first.Take(12))
        {
            using var copy = ApacheTrees.Build(name);
            var before = m.Edits.Select(e => e.File).Distinct().ToDictionary(f => f, f => copy.Tree.Exists(copy.HostPathOf(f)) ? copy.Tree.ReadText(copy.HostPathOf(f)) : null);
            m.ApplyTo(copy);
            Assert.Contains(before, kv => kv.Value != copy.Tree.ReadText(copy.HostPathOf(kv.Key)));
        }
    }
}
