using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Syntax.Apache;

namespace ConfLint.Tests.Syntax.Apache;

/// <summary>A host tree in a temporary directory (the --root of a test), removed on dispose.</summary>
public sealed class ApacheTestTree : IDisposable
{
    public ApacheTestTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "conflint-apache-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public HostFileSystem FileSystem => new(Root);

    /// <summary>Writes a file at a host path (e.g. /etc/apache2/apache2.conf).</summary>
    public ApacheTestTree File(string hostPath, string text)
    {
        var real = RealPath(hostPath);
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        System.IO.File.WriteAllText(real, text);
        return this;
    }

    public ApacheTestTree Dir(string hostPath)
    {
        Directory.CreateDirectory(RealPath(hostPath));
        return this;
    }

    /// <summary>Creates a symlink at a host path pointing to <paramref name="target"/> (as written, absolute targets are host paths).</summary>
    public ApacheTestTree Symlink(string hostPath, string target)
    {
        var real = RealPath(hostPath);
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        System.IO.File.CreateSymbolicLink(real, target);
        return this;
    }

    public string RealPath(string hostPath) => Root + (hostPath.StartsWith('/') ? hostPath : "/" + hostPath);

    public ApacheConfiguration Load(string hostPath = "/etc/apache2/apache2.conf", ApacheLoadOptions? options = null) =>
        ApacheLoader.Load(FileSystem, hostPath, options);

    /// <summary>Runs the Apache front end and every analyzer, as `conflint --root` would.</summary>
    public IReadOnlyList<Diagnostic> Lint(string hostPath = "/etc/apache2/apache2.conf", LintRequest? request = null, InputKind kind = InputKind.Apache)
    {
        var compilation = new Compilation(FileSystem);
        new ApacheFrontEnd(kind).Load(compilation, hostPath, request ?? new LintRequest { Root = Root });
        return compilation.Analyze();
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>A one-file tree for the common case.</summary>
    public static ApacheTestTree WithMain(string text) => new ApacheTestTree().File("/etc/apache2/apache2.conf", text);
}
