using ConfLint.Analyzers.Input;
using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.Handlers;

/// <summary>mod_proxy_fcgi names a socket no PHP-FPM pool listens on.</summary>
public sealed class CL2013ProxySocketMustHaveFpmPool : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL2013",
        "No PHP-FPM pool listens on the proxy socket",
        "{0} sends PHP to '{1}', but no PHP-FPM pool listens there ({2}): every request fails with 503",
        "Handlers",
        Severity.Error,
        "SetHandler \"proxy:unix:/run/php/site.sock|fcgi://localhost\" (or ProxyPassMatch) hands PHP to whatever listens on that socket. When no pool of the host's PHP-FPM configuration has that `listen`, mod_proxy_fcgi cannot connect (AH02454) and the site answers 503.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        foreach (var vhost in model.VirtualHosts)
        {
            foreach (var backend in vhost.Backends)
            {
                if (backend.Kind != PhpBackendKind.ProxyFcgi || backend.Pool is not null || backend.Socket is null) continue;
                if (model.FpmConfigs.IsEmpty)
                {
                    context.ReportOnce("CL2013:fpm", Diagnostic.Create(CL0004CheckNeedsMissingFact.Rule, backend.Socket!.Location,
                        "not checked: no PHP-FPM configuration found (looked for /etc/php/8.2/fpm/php-fpm.conf, /etc/php-fpm.conf, /usr/local/etc/php-fpm.conf; name one with --fpm-config)"));
                    continue;
                }
                var listens = string.Join(", ", model.FpmConfigs.SelectMany(c => c.Pools).Select(p => $"[{p.Name}] {p.Value("listen")}"));
                var d = Diagnostic.Create(Rule, backend.Socket!.Location, vhost.DisplayName, backend.Socket.Value, listens.Length == 0 ? "no pools" : "pools: " + listens);
                foreach (var pool in model.FpmConfigs.SelectMany(c => c.Pools))
                    if (pool.Get("listen") is { } listen) d = d.WithRelated(listen.Location, $"pool [{pool.Name}] listens here");
                context.Report(d);
            }
        }
    }
}
