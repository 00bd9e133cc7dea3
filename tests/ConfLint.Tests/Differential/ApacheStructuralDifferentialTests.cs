using ConfLint.Tests.Oracles;
using Xunit;
using Xunit.Abstractions;

namespace ConfLint.Tests.Differential;

/// <summary>
/// Issue 2's proof: on the Debian, h5bp and apache/httpd base trees and ≥150 seeded structural
/// mutations of them, ConfLint accepts what httpd accepts and rejects what it rejects at the same
/// first error file and line, except for the deliberate differences documented in
/// corpus/apache-differential/known-differences.md.
/// </summary>
public class ApacheStructuralDifferentialTests
{
    public const int Seed = 20260425;
    public const int MinimumMutations = 150;

    private readonly ITestOutputHelper _output;

    public ApacheStructuralDifferentialTests(ITestOutputHelper output) => _output = output;

    public static string KnownDifferencesPath => RepoPaths.InRepo("corpus/apache-differential/known-differences.md");

    /// <summary>All mutations of all base trees with both verdicts, computed once per test run.</summary>
    private static readonly Lazy<IReadOnlyList<(string Tree, ApacheDifferentialResult Result)>> Results = new(RunAll);

    private static IReadOnlyList<(string Tree, ApacheDifferentialResult Result)> RunAll()
    {
        var generator = new ApacheMutationGenerator(Seed);
        var all = new List<(string, ApacheDifferentialResult)>();
        foreach (var name in ApacheTrees.BaseNames)
        {
            IReadOnlyList<ApacheMutation> mutations;
            using (var baseTree = ApacheTrees.Build(name))
            {
                all.Add((name, ApacheDifferential.Compare($"{name}/base", "base", "the base tree as built", baseTree)));
                var files = ApacheOracle.IncludedFiles(baseTree.ToCheck());
                if (files.Count == 0) throw new InvalidOperationException($"httpd lists no included files for base tree {name}");
                mutations = generator.Generate(ApacheMutationGenerator.Read(baseTree, files));
            }
            foreach (var r in ApacheDifferential.Run(() => ApacheTrees.Build(name), mutations)) all.Add((name, r));
        }
        return all;
    }

    [SkippableFact]
    public void Structural_mutations_agree_with_httpd_except_documented_differences()
    {
        ApacheOracle.Require();
        ApacheOracle.RequireNssWrapper();
        var known = KnownDifferences.Load(KnownDifferencesPath);
        var results = Results.Value;

        var mutations = results.Where(r => r.Result.Kind != "base").ToList();
        _output.WriteLine(ApacheDifferential.Report(results.Select(r => r.Result).ToList(),
            r => known.Find(r, results.First(x => x.Result == r).Tree) is { } e ? $"known-differences.md:{e.Line}" : null));

        Assert.True(mutations.Count >= MinimumMutations, $"only {mutations.Count} mutations generated");
        Assert.True(mutations.Count(r => !r.Result.Httpd.Accepted) >= MinimumMutations / 2, "too few mutations are rejected by httpd to prove anything");

        var undocumented = results.Where(r => !r.Result.Agrees && known.Find(r.Result, r.Tree) is null).ToList();
        Assert.True(undocumented.Count == 0,
            $"{undocumented.Count} of {results.Count} cases disagree with httpd and are not in known-differences.md:\n" +
            string.Join("\n", undocumented.Select(r => r.Result.Explain())));

        var stale = known.Entries.Where(e => !results.Any(r => !r.Result.Agrees && e.Covers(r.Result, r.Tree))).ToList();
        Assert.True(stale.Count == 0,
            "known-differences.md documents differences that no longer occur (remove them): " +
            string.Join(", ", stale.Select(e => $"line {e.Line} `{e.Kind}`")));
    }

    [SkippableFact]
    public void Every_undefined_variable_httpd_warns_about_is_reported_as_CL1007()
    {
        ApacheOracle.Require();
        ApacheOracle.RequireNssWrapper();
        var missed = Results.Value
            .Where(r => r.Result.HttpdUndefinedVariables.Count > 0 && !r.Result.ConfLint.Message.StartsWith("ConfLint threw", StringComparison.Ordinal))
            .Where(r => r.Result.HttpdUndefinedVariables.Any(v => !r.Result.Diagnostics.Any(d => d.Id == "CL1007" && d.Message.Contains(v, StringComparison.Ordinal))))
            .ToList();
        Assert.True(Results.Value.Any(r => r.Result.HttpdUndefinedVariables.Count > 0), "no case makes httpd warn of an undefined variable");
        Assert.True(missed.Count == 0, "httpd warned (AH00111) of variables ConfLint did not report as CL1007:\n" +
            string.Join("\n", missed.Select(r => $"{r.Result.Id}: {string.Join(", ", r.Result.HttpdUndefinedVariables)}")));
    }

    [SkippableFact]
    public void Every_CL1007_names_a_variable_httpd_warns_about()
    {
        ApacheOracle.Require();
        ApacheOracle.RequireNssWrapper();
        // Only runs httpd finished reading can be compared: it stops at its first error.
        var extra = Results.Value
            .Where(r => r.Result.Httpd.Accepted)
            .SelectMany(r => r.Result.Diagnostics.Where(d => d.Id == "CL1007")
                .Select(d => (r.Result.Id, Name: VariableName.Match(d.Message).Groups[1].Value, d))
                .Where(x => !r.Result.HttpdUndefinedVariables.Contains(x.Name)))
            .ToList();
        Assert.True(extra.Count == 0, "ConfLint reported CL1007 for variables httpd did not warn about:\n" +
            string.Join("\n", extra.Select(x => $"{x.Id}: {x.d}")));
    }

    private static readonly System.Text.RegularExpressions.Regex VariableName = new(@"\$\{([^}]*)\}");
}
