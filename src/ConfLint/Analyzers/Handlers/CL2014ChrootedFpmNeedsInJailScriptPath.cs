using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.Handlers;

/// <summary>mod_proxy_fcgi to a chrooted FPM pool sends the host path of the script: Primary script unknown.</summary>
public sealed class CL2014ChrootedFpmNeedsInJailScriptPath : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL2014",
        "Chrooted PHP-FPM pool is sent the host path of the script",
        "{0} sends SCRIPT_FILENAME as the host path (e.g. '{1}') to pool [{2}], which is chrooted to '{3}': FPM answers 'File not found.' (Primary script unknown)",
        "Handlers",
        Severity.Error,
        "PHP-FPM does not strip its chroot from SCRIPT_FILENAME. mod_proxy_fcgi sends the host path (DocumentRoot + URI), which does not exist inside the pool's jail. Fixes that work: `ProxyFCGISetEnvIf \"true\" SCRIPT_FILENAME \"/html%{reqenv:SCRIPT_NAME}\"` (the in-jail path), or `php_admin_value[doc_root]` with `php_admin_value[cgi.fix_pathinfo] = 0` in the pool, or a jail that mirrors its own host path (a symlink <jail>/<jail path> → /).");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        foreach (var vhost in model.VirtualHosts)
        {
            foreach (var backend in vhost.Backends)
            {
                if (backend.Kind != PhpBackendKind.ProxyFcgi || backend.Pool is null || backend.Jail is null) continue;
                var jail = backend.Jail!;
                if (backend.ScriptFilenameOverride is not null) continue;
                var docRoot = backend.Setting("doc_root");
                var fix = backend.Setting("cgi.fix_pathinfo");
                if (docRoot is { Value.Length: > 0 } && fix is { IsOff: true }) continue;
                if (model.ExistsInJail(jail, jail.Root + jail.Root)) continue;
                var example = (vhost.DocumentRoot?.Value ?? "/var/www/html").TrimEnd('/') + "/index.php";
                context.Report(Diagnostic.Create(Rule, backend.Mapping.Location, vhost.DisplayName, example, backend.Pool!.Name, jail.Root)
                    .WithRelated(jail.Source, $"pool [{backend.Pool.Name}] is chrooted here"));
            }
        }
    }
}
