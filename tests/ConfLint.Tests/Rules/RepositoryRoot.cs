namespace ConfLint.Tests.Rules;

/// <summary>The repository checkout the tests run from (the directory holding ConfLint.sln).</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> _path = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ConfLint.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("ConfLint.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Path => _path.Value;

    public static string RulesDirectory => System.IO.Path.Combine(Path, "rules");

    /// <summary>A path under ../shared next to the checkout (read in place, never copied).</summary>
    public static string Shared(string relative) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, "..", "shared", relative));
}
