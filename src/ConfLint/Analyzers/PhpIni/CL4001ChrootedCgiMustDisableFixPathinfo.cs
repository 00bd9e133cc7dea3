using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.PhpIni;

/// <summary>A php-cgi started by a chrooting wrapper loads a php.ini without `cgi.fix_pathinfo = 0`.</summary>
public sealed class CL4001ChrootedCgiMustDisableFixPathinfo : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL4001",
        "Chrooted php-cgi needs cgi.fix_pathinfo = 0",
        "the chrooted php-cgi of {0} runs with cgi.fix_pathinfo = {1}{2}: PHP walks the host path it cannot see and moves the rest into PATH_INFO, so scripts are not found (and /upload.jpg/x.php runs upload.jpg as PHP)",
        "PhpIni",
        Severity.Error,
        "The seed's second must-have for chroot + FastCGI (III-D): with the default cgi.fix_pathinfo=1, php-cgi takes SCRIPT_FILENAME (a host path, meaningless in the jail), walks back to the first existing file and moves the rest into PATH_INFO. In a jail that breaks script lookup; anywhere it lets /upload.jpg/x.php execute upload.jpg. PHP-FPM pools are guarded by security.limit_extensions instead (CL4011).");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        foreach (var vhost in model.VirtualHosts)
        {
            foreach (var backend in vhost.Backends)
            {
                if (backend.Kind is not (PhpBackendKind.ModFastcgi or PhpBackendKind.ModFcgid) || backend.Jail is null) continue;
                if (backend.PhpBinary is not { } php || backend.IniResolution is null) continue;
                var setting = backend.Setting("cgi.fix_pathinfo");
                if (setting is { IsOff: true }) continue;
                var at = setting?.Location ?? (backend.IniFiles.Length > 0 ? backend.IniFiles[0].Text.GetLineLocation(1) : php.Location);
                var where = setting is not null ? "" : backend.IniResolution.LoadedFile is { } f ? $" (unset in {f}; PHP's default is 1)" : " (PHP loads no php.ini; the default is 1)";
                var d = Diagnostic.Create(Rule, at, vhost.DisplayName, setting?.Value is { Length: > 0 } v ? $"\"{v}\"" : "1", where);
                if (setting is not null || backend.IniFiles.Length > 0) d = d.WithRelated(php.Location, "the PHP the wrapper starts");
                context.Report(d);
            }
        }
    }
}
