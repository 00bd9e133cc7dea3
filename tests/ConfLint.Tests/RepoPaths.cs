using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests;

/// <summary>
/// Where the repository and the shared read-only folder are. The corpus is read in place from
/// `../shared/corpus` next to the repository (CI clones the repo beside a copy of shared/); from a
/// worktree deeper down the search goes on upwards, and CONFLINT_SHARED names it explicitly.
/// </summary>
public static class RepoPaths
{
    private static readonly Lazy<string> _repo = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConfLint.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ConfLint.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Repo => _repo.Value;

    public static string RepoRoot => Repo;

    /// <summary>A path inside the repository, from a relative path with forward slashes.</summary>
    public static string InRepo(string relative) => Path.Combine(Repo, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The shared folder holding corpus/, spec/, seed/, schemas/.</summary>
    public static string Shared
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("CONFLINT_SHARED");
            if (!string.IsNullOrEmpty(configured) && Directory.Exists(configured)) return configured;
            for (var dir = new DirectoryInfo(Repo).Parent; dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared");
                if (Directory.Exists(Path.Combine(candidate, "corpus"))) return candidate;
            }
            return Path.GetFullPath(Path.Combine(Repo, "..", "shared"));
        }
    }

    public static string SharedCorpus => Path.Combine(Shared, "corpus");

    /// <summary>A path of the shared corpus; skips (fails under CI=true) when the corpus is absent.</summary>
    public static string RequireCorpus(string relative)
    {
        var path = Path.Combine(SharedCorpus, relative);
        if (Directory.Exists(path) || File.Exists(path)) return path;
        var message = $"shared corpus path '{relative}' not found next to the repository (set CONFLINT_SHARED)";
        if (Oracle.InCi) Assert.Fail(message);
        Skip.If(true, message);
        return path;
    }
}
