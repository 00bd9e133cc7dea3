using ConfLint.Hosting;
using Xunit;

namespace ConfLint.Tests.Corpus;

/// <summary>
/// Every input of the shared third-party corpus listed in corpus/golden/manifest.tsv is linted,
/// and its findings must equal the reviewed golden file corpus/golden/NAME.txt. A finding that
/// appears or disappears fails the test; to accept a reviewed change, run the tests with
/// CONFLINT_UPDATE_GOLDEN=1 (never under CI) and review the diff.
/// </summary>
public class CorpusGoldenTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var entry in GoldenManifest.Read()) data.Add(entry.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Findings_equal_the_reviewed_golden_file(string name)
    {
        var entry = GoldenManifest.Read().Single(e => e.Name == name);
        var inputPath = Path.Combine(RepoPaths.SharedCorpus, entry.CorpusPath);
        Assert.True(File.Exists(inputPath) || Directory.Exists(inputPath), $"corpus input missing: {inputPath}");

        var request = new LintRequest
        {
            Paths = new[] { inputPath },
            Kind = LintRunner.ParseKind(entry.Kind) ?? InputKind.Auto,
            NoDisk = true,
        };
        var result = LintRunner.Run(request);
        var actual = GoldenFormat.Render(result.Diagnostics, RepoPaths.SharedCorpus);

        var goldenPath = Path.Combine(RepoPaths.Repo, "corpus", "golden", entry.Name + ".txt");
        if (Environment.GetEnvironmentVariable("CONFLINT_UPDATE_GOLDEN") == "1" && !Oracles.Oracle.InCi)
        {
            File.WriteAllText(goldenPath, actual);
            return;
        }
        Assert.True(File.Exists(goldenPath), $"no golden file {goldenPath}; run with CONFLINT_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(goldenPath), actual);
    }
}

internal sealed record GoldenEntry(string Name, string CorpusPath, string Kind);

internal static class GoldenManifest
{
    /// <summary>Lines: name, path under ../shared/corpus, kind (auto, apache, php-ini…); '#' starts a comment.</summary>
    public static IReadOnlyList<GoldenEntry> Read()
    {
        var path = Path.Combine(RepoPaths.Repo, "corpus", "golden", "manifest.tsv");
        return File.ReadAllLines(path)
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => new GoldenEntry(f[0], f[1], f.Length > 2 ? f[2] : "auto"))
            .ToList();
    }
}

/// <summary>One finding per line, paths relative to the corpus, stable across machines.</summary>
internal static class GoldenFormat
{
    public static string Render(IEnumerable<ConfLint.Diagnostics.Diagnostic> diagnostics, string baseDirectory)
    {
        var lines = diagnostics.Select(d =>
            $"{Relative(d.Location.Path, baseDirectory)}:{d.Location.Line}:{d.Location.Column}: {d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.Message.Replace(baseDirectory, "<corpus>")}");
        return string.Join("\n", lines) + "\n";
    }

    private static string Relative(string path, string baseDirectory) =>
        Path.GetRelativePath(baseDirectory, path).Replace('\\', '/');
}
