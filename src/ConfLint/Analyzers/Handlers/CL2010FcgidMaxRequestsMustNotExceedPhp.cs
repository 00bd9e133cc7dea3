using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.Handlers;

/// <summary>mod_fcgid sends more requests to a PHP process than PHP_FCGI_MAX_REQUESTS lets it serve.</summary>
public sealed class CL2010FcgidMaxRequestsMustNotExceedPhp : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL2010",
        "FcgidMaxRequestsPerProcess exceeds PHP_FCGI_MAX_REQUESTS",
        "FcgidMaxRequestsPerProcess is {0}, but PHP exits after {1} requests (PHP_FCGI_MAX_REQUESTS{2}): mod_fcgid sends the next request to a process that is gone → 500 errors",
        "Handlers",
        Severity.Warning,
        "php-cgi exits after PHP_FCGI_MAX_REQUESTS requests (default 500). mod_fcgid does not know that: with FcgidMaxRequestsPerProcess 0 (its default, unlimited) or above PHP's limit it sends the next request to a process that is exiting, which logs an error and answers 500. mod_fcgid's manual: set FcgidMaxRequestsPerProcess to PHP_FCGI_MAX_REQUESTS or lower.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        // Only a wrapper that was read tells what PHP_FCGI_MAX_REQUESTS is; a missing one is CL2009's.
        foreach (var backend in model.Backends)
        {
            if (backend.Kind != PhpBackendKind.ModFcgid || backend.WrapperHostPath is null || backend.Wrapper is null) continue;
            long phpLimit = 500;
            string source = " unset; PHP's default";
            if (backend.Environment.TryGetValue("PHP_FCGI_MAX_REQUESTS", out var env))
            {
                if (!long.TryParse(env.Value, out phpLimit)) continue;
                source = $"={env.Value}";
            }
            if (phpLimit <= 0) continue;
            long fcgid = 0;
            if (backend.FcgidMaxRequests is { } max && !long.TryParse(max.Value, out fcgid)) continue;
            if (fcgid != 0 && fcgid <= phpLimit) continue;
            var at = backend.FcgidMaxRequests?.Location ?? backend.WrapperHostPath!.Location;
            var d = Diagnostic.Create(Rule, at, fcgid == 0 ? "0 (unlimited" + (backend.FcgidMaxRequests is null ? ", mod_fcgid's default)" : ")") : fcgid.ToString(), phpLimit, source);
            if (backend.Environment.TryGetValue("PHP_FCGI_MAX_REQUESTS", out var e)) d = d.WithRelated(e.Location, "PHP_FCGI_MAX_REQUESTS in the wrapper");
            context.Report(d);
        }
    }
}
