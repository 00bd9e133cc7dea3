using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.Handlers;

/// <summary>Under mod_fastcgi the wrapper does not set PHP_FCGI_CHILDREN: fcgi-pm manages single PHP workers.</summary>
public sealed class CL2012FastCgiWrapperShouldSetChildren : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL2012",
        "mod_fastcgi wrapper does not set PHP_FCGI_CHILDREN",
        "the wrapper does not export PHP_FCGI_CHILDREN: php-cgi runs as a single worker and fcgi-pm manages the workers, which the seed found unstable",
        "Handlers",
        Severity.Info,
        "Without PHP_FCGI_CHILDREN php-cgi (4.3 and later) starts as a single worker and fcgi-pm must start and restart every worker; PHP_FCGI_MAX_REQUESTS makes them exit sooner than fcgi-pm expects. The seed (III-A, IV-E) recommends letting PHP manage its own children: `PHP_FCGI_CHILDREN=3; export PHP_FCGI_CHILDREN` in the php-wrapper.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var backend in model.Backends)
        {
            if (backend.Kind != PhpBackendKind.ModFastcgi) continue;
            if (backend.Wrapper is not { } wrapper || backend.PhpBinary is not { } php) continue;
            if (backend.Environment.ContainsKey("PHP_FCGI_CHILDREN") || !seen.Add(wrapper.HostPath)) continue;
            context.Report(Diagnostic.Create(Rule, php.Location));
        }
    }
}
