namespace ConfLint.Tests;

/// <summary>Where the repository and the shared read-only folder (../shared beside the repo) are.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> _repo = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConfLint.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ConfLint.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Repo => _repo.Value;

    /// <summary>../shared beside the checkout (CONFLINT_SHARED overrides, e.g. for a worktree elsewhere).</summary>
    public static string Shared => Environment.GetEnvironmentVariable("CONFLINT_SHARED") is { Length: > 0 } s
        ? s
        : FindShared();

    public static string SharedCorpus => Path.Combine(Shared, "corpus");

    private static string FindShared()
    {
        var dir = new DirectoryInfo(Repo);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "corpus"))) return candidate;
            dir = dir.Parent;
        }
        return Path.GetFullPath(Path.Combine(Repo, "..", "shared"));
    }
}
