using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.PhpIni;

/// <summary>A shared-hosting vhost's PHP runs with no open_basedir.</summary>
public sealed class CL4008SharedHostingNeedsOpenBasedir : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL4008",
        "Shared hosting PHP has no open_basedir",
        "the PHP of {0} runs as its own user{1} with no open_basedir{2}: scripts can open any file the user can read",
        "PhpIni",
        Severity.Warning,
        "On shared hosting each site's PHP should be limited to its own tree. open_basedir is a second wall behind suexec and the chroot: it keeps a compromised script from reading other users' world-readable files, /etc, or the jail's own configuration, and it is cheap to set per vhost (php.ini, `-d open_basedir=`, or php_admin_value[open_basedir]).",
        securitySeverity: 5.0);

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        foreach (var vhost in model.VirtualHosts)
        {
            foreach (var backend in vhost.Backends)
            {
                bool shared = backend.Kind == PhpBackendKind.ProxyFcgi ? backend.Pool is not null : vhost.SuexecUser is not null;
                if (!shared || backend.IniResolution is null) continue;
                if (backend.Setting("open_basedir") is { Value.Length: > 0 }) continue;
                var at = backend.IniFiles.Length > 0 ? backend.IniFiles[0].Text.GetLineLocation(1)
                    : backend.Pool?.HeaderLocation ?? backend.PhpBinary?.Location ?? backend.Mapping.Location;
                var jailed = backend.Jail is null ? "" : $" in the jail {backend.Jail.Root}";
                var where = backend.IniResolution.LoadedFile is { } f ? $" (not set in {f})" : " (PHP loads no php.ini)";
                context.Report(Diagnostic.Create(Rule, at, vhost.DisplayName, jailed, where));
            }
        }
    }
}
