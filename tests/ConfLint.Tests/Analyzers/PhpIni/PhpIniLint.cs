using ConfLint.Diagnostics;
using ConfLint.Hosting;

namespace ConfLint.Tests.Analyzers.PhpIni;

/// <summary>Lints one php.ini text placed at a host path inside a temporary host tree.</summary>
public static class PhpIniLint
{
    public static IReadOnlyList<Diagnostic> Run(string content, string hostPath = "/etc/php/8.2/cgi/php.ini")
    {
        var root = Directory.CreateTempSubdirectory("conflint-phpini-");
        try
        {
            var real = Path.Combine(root.FullName, hostPath.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(real)!);
            File.WriteAllText(real, content);
            var compilation = new Compilation(new HostFileSystem(root.FullName));
            new PhpIniFrontEnd().Load(compilation, hostPath, new LintRequest { Root = root.FullName });
            return compilation.Analyze();
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    public static IReadOnlyList<Diagnostic> Of(string id, string content, string hostPath = "/etc/php/8.2/cgi/php.ini") =>
        Run(content, hostPath).Where(d => d.Id == id).ToList();
}
