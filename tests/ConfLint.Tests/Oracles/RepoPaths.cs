namespace ConfLint.Tests.Oracles;

/// <summary>
/// Where the repository and the shared, read-only third-party corpus are. The corpus is read in
/// place from `../shared/corpus` next to the repository (CI clones the repo beside a copy of
/// shared/); from a worktree one level deeper the search goes on upwards, and CONFLINT_SHARED
/// names it explicitly.
/// </summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RepoRootLazy = new(FindRepoRoot);

    public static string RepoRoot => RepoRootLazy.Value;

    /// <summary>The shared folder holding corpus/, spec/, seed/ (null when not found).</summary>
    public static string? Shared
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("CONFLINT_SHARED");
            if (!string.IsNullOrEmpty(configured) && Directory.Exists(configured)) return configured;
            for (var dir = Directory.GetParent(RepoRoot); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared");
                if (Directory.Exists(Path.Combine(candidate, "corpus"))) return candidate;
            }
            return null;
        }
    }

    /// <summary>A folder of the shared corpus, or skips (fails under CI=true) when the corpus is absent.</summary>
    public static string RequireCorpus(string relative)
    {
        var shared = Shared;
        var path = shared is null ? null : Path.Combine(shared, "corpus", relative);
        if (path is not null && (Directory.Exists(path) || File.Exists(path))) return path;
        var message = $"shared corpus folder '{relative}' not found next to the repository (set CONFLINT_SHARED)";
        if (Oracle.InCi) Xunit.Assert.Fail(message);
        Xunit.Skip.If(true, message);
        return relative;
    }

    /// <summary>A path inside the repository.</summary>
    public static string InRepo(string relative) => Path.Combine(RepoRoot, relative);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ConfLint.sln"))) return dir.FullName;
        throw new InvalidOperationException("ConfLint.sln not found above " + AppContext.BaseDirectory);
    }
}
