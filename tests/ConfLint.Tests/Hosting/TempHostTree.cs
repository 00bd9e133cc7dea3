using ConfLint.Analyzers;
using ConfLint.Diagnostics;
using ConfLint.Hosting;

namespace ConfLint.Tests.Hosting;

/// <summary>A host tree in a temp folder: write files at host paths, then lint one with a front end.</summary>
public sealed class TempHostTree : IDisposable
{
    public TempHostTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "conflint-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string RealPath(string hostPath) => Path.Combine(Root, hostPath.TrimStart('/'));

    public TempHostTree Write(string hostPath, string content, UnixFileMode? mode = null)
    {
        var real = RealPath(hostPath);
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.WriteAllText(real, content);
        if (mode is not null) File.SetUnixFileMode(real, mode.Value);
        return this;
    }

    public TempHostTree Directory_(string hostPath)
    {
        Directory.CreateDirectory(RealPath(hostPath));
        return this;
    }

    public Compilation Load(IFrontEnd frontEnd, string hostPath, bool noDisk = false)
    {
        var compilation = new Compilation(new HostFileSystem(Root), new AnalysisOptions { NoDisk = noDisk });
        frontEnd.Load(compilation, hostPath, new LintRequest { Root = Root, NoDisk = noDisk });
        return compilation;
    }

    public IReadOnlyList<Diagnostic> Lint(IFrontEnd frontEnd, string hostPath, bool noDisk = false) => Load(frontEnd, hostPath, noDisk).Analyze();

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
