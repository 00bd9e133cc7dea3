using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.PhpIni;

/// <summary>An opcode cache is enabled for PHP that runs as plain CGI, where nothing persists between requests.</summary>
public sealed class CL4007OpcodeCacheNeedsPersistentPhp : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL4007",
        "Opcode cache enabled for plain CGI",
        "{0} '{1}' is loaded for {2}, whose PHP runs as plain CGI: the cache dies with the process after every request",
        "PhpIni",
        Severity.Info,
        "eAccelerator, APC and OPcache keep compiled scripts in the memory of a long-lived PHP process. Under plain CGI PHP starts and exits for every request (seed I-D), so the cache is filled and thrown away each time: only the cost remains. Run PHP through FastCGI (mod_fastcgi with SetHandler fastcgi-script, mod_fcgid, PHP-FPM) to make the cache work.");

    private static readonly string[] Caches = { "opcache", "eaccelerator", "apc", "xcache" };

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        foreach (var vhost in model.VirtualHosts)
        {
            foreach (var backend in vhost.Backends)
            {
                if (backend.Kind != PhpBackendKind.Cgi) continue;
                foreach (var ini in backend.IniFiles)
                {
                    foreach (var entry in ini.Document.Entries.Where(e => e.LoadsExtension && e.Value is not null))
                    {
                        var file = Path.GetFileName(entry.Value!.Text).ToLowerInvariant();
                        var cache = Caches.FirstOrDefault(c => file.StartsWith(c, StringComparison.Ordinal));
                        if (cache is null) continue;
                        if (cache == "opcache" && backend.Setting("opcache.enable") is { IsOff: true }) continue;
                        context.Report(Diagnostic.Create(Rule, ini.Document.GetLocation(entry.Span), entry.Key, entry.Value.Text, vhost.DisplayName)
                            .WithRelated(backend.Action?.Location ?? backend.Mapping.Location, "PHP runs as plain CGI through this Action"));
                    }
                }
            }
        }
    }
}
