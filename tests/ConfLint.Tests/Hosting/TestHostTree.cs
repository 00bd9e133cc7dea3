using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Hosting.Model;

namespace ConfLint.Tests.Hosting;

/// <summary>
/// A host tree in a temp folder, linted as a whole host with `--root` and the modules its Apache
/// configuration needs. The trees of the rule tests derive from it and plant one defect each.
/// </summary>
public abstract class TestHostTree : IDisposable
{
    private readonly string[] _modules;

    protected TestHostTree(string label, params string[] modules)
    {
        Root = Directory.CreateTempSubdirectory(label).FullName;
        _modules = modules;
    }

    public string Root { get; }

    public string Real(string hostPath) => Root + hostPath;

    /// <summary>Writes a file (ending it with a line break) and, when given, sets its octal mode.</summary>
    public void Write(string hostPath, string text, string? octalMode = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Real(hostPath))!);
        File.WriteAllText(Real(hostPath), text.EndsWith('\n') ? text : text + "\n");
        if (octalMode is not null) File.SetUnixFileMode(Real(hostPath), (UnixFileMode)Convert.ToInt32(octalMode, 8));
    }

    public void Delete(string hostPath) => File.Delete(Real(hostPath));

    /// <summary>The vhost of site <paramref name="i"/> of a many-site tree: suexec user u<paramref name="i"/>, .php through mod_fcgid and <paramref name="wrapper"/>.</summary>
    protected static string FcgidSite(int i, string jail, string wrapper) => $$"""
        <VirtualHost *:80>
            ServerName site{{i}}.example.com
            DocumentRoot {{jail}}/html
            SuexecUserGroup u{{i}} u{{i}}
            <Directory {{jail}}/html>
                <FilesMatch "\.php$">
                    SetHandler fcgid-script
                </FilesMatch>
                FcgidWrapper {{wrapper}} .php
            </Directory>
        </VirtualHost>

        """;

    private LintRequest Request(HostingOptions? hosting, bool noDisk, params string[] morePaths) => new()
    {
        Paths = [Root, .. morePaths],
        Root = Root,
        Modules = _modules,
        NoDisk = noDisk,
        Hosting = hosting ?? HostingOptions.Default,
    };

    public LintResult Lint(HostingOptions? hosting = null, bool noDisk = false) => LintRunner.Run(Request(hosting, noDisk));

    /// <summary>The tree read into a compilation, not analysed yet (for tests that look at the inputs or analyse twice).</summary>
    public Compilation Load() => LintRunner.Load(Request(null, noDisk: false), out _);

    /// <summary>The tree and more files named beside it (host paths, read under the root), read into a compilation.</summary>
    public Compilation Load(params string[] morePaths) => LintRunner.Load(Request(null, false, morePaths.Select(p => Root + p).ToArray()), out _);

    public IReadOnlyList<Diagnostic> Findings(string ruleId, HostingOptions? hosting = null, bool noDisk = false) =>
        Lint(hosting, noDisk).Diagnostics.Where(d => d.Id == ruleId).ToList();

    public HostModel Model() => LintRunner.Load(Request(null, false), out _).InputsOf<HostModel>().Single();

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
        GC.SuppressFinalize(this);
    }
}
