using ConfLint.Hosting;
using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests.Corpus;

/// <summary>
/// Whole hosts built from the shared corpus (Debian's /etc/apache2 with everything enabled, the
/// i-MSCP FastCGI/suexec templates and the ajbevau chroot example, filled from the committed value
/// maps) linted as hosts, with the hosting model and its cross-file rules, against reviewed golden
/// files corpus/golden/tree-NAME.txt. CONFLINT_UPDATE_GOLDEN=1 (never under CI) rewrites them.
/// </summary>
public class CorpusTreeGoldenTests
{
    public static TheoryData<string> Trees() => new() { "debian-all", "imscp-fastcgi-suexec", "ajbevau-chroot" };

    [Theory]
    [MemberData(nameof(Trees))]
    public void Host_findings_equal_the_reviewed_golden_file(string name)
    {
        using var setup = name == "debian-all" ? ApacheTrees.DebianAll() : ApacheExampleTrees.Build(name);
        var result = LintRunner.Run(setup.ToLintRequest() with { NoDisk = true });
        var lines = result.Diagnostics.Select(d =>
            $"{setup.Tree.DisplayPath(d.Location.Path)}:{d.Location.Line}:{d.Location.Column}: {d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.Message.Replace(setup.Tree.Root, "")}");
        var actual = string.Join("\n", lines) + "\n";
        var goldenPath = RepoPaths.InRepo($"corpus/golden/tree-{name}.txt");
        if (Environment.GetEnvironmentVariable("CONFLINT_UPDATE_GOLDEN") == "1" && !Oracle.InCi)
        {
            File.WriteAllText(goldenPath, actual);
            return;
        }
        Assert.True(File.Exists(goldenPath), $"no golden file {goldenPath}; run with CONFLINT_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(goldenPath), actual);
    }
}
