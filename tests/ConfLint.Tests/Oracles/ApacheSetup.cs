using ConfLint.Hosting;

namespace ConfLint.Tests.Oracles;

/// <summary>
/// An Apache host tree ready to be checked: the tree, its main configuration and ServerRoot (host
/// paths), Debian's envvars file when the tree has one, and -D names. The same setup is given to
/// httpd (<see cref="ToCheck"/>) and to ConfLint (<see cref="ToLintRequest"/>).
/// </summary>
public sealed record ApacheSetup(string Name, HostTree Tree, string MainConfig, string ServerRoot) : IDisposable
{
    public string? EnvVarsFile { get; init; }

    public IReadOnlyList<string> Defines { get; init; } = Array.Empty<string>();

    public ApacheCheck ToCheck() => new()
    {
        Tree = Tree,
        MainConfig = MainConfig,
        ServerRoot = ServerRoot,
        EnvVarsFile = EnvVarsFile,
        Defines = Defines,
    };

    public LintRequest ToLintRequest() => new()
    {
        Paths = new[] { Tree.RealPath(MainConfig) },
        Root = Tree.LintRoot,
        ServerRoot = ServerRoot,
        Defines = Defines,
        Kind = InputKind.Apache,
    };

    /// <summary>The host path of a file named as reports name it (relative to the tree, see <see cref="HostTree.DisplayPath"/>).</summary>
    public string HostPathOf(string displayPath) => Tree.HostPrefix + displayPath;

    public void Dispose() => Tree.Dispose();
}
