using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.Handlers;

/// <summary>Under mod_fcgid the wrapper sets PHP_FCGI_CHILDREN &gt; 0: the children are never used.</summary>
public sealed class CL2011FcgidWrapperMustNotForkChildren : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL2011",
        "mod_fcgid wrapper sets PHP_FCGI_CHILDREN",
        "PHP_FCGI_CHILDREN={0} under mod_fcgid: mod_fcgid sends one request at a time to each process, so the {0} children PHP forks stay idle",
        "Handlers",
        Severity.Warning,
        "mod_fcgid manages its own pool of PHP processes and sends each one request at a time. PHP_FCGI_CHILDREN makes every php-cgi fork that many children that mod_fcgid never uses: memory wasted, and FcgidMaxProcesses no longer limits PHP. mod_fcgid's manual: PHP_FCGI_CHILDREN should be unset or 0 (the opposite of the seed's advice for mod_fastcgi).");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var backend in model.Backends)
        {
            if (backend.Kind != PhpBackendKind.ModFcgid) continue;
            if (!backend.Environment.TryGetValue("PHP_FCGI_CHILDREN", out var children)) continue;
            if (!long.TryParse(children.Value, out var n) || n <= 0 || !seen.Add(children.Location.Path)) continue;
            context.Report(Diagnostic.Create(Rule, children.Location, children.Value)
                .WithRelated(backend.WrapperHostPath!.Location, "mod_fcgid starts this wrapper"));
        }
    }
}
