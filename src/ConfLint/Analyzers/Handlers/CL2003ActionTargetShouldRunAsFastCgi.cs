using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.Handlers;

/// <summary>The Action target for .php has no FastCGI handling: PHP runs as plain CGI, one process per request.</summary>
public sealed class CL2003ActionTargetShouldRunAsFastCgi : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL2003",
        "Action target runs as plain CGI, not FastCGI",
        "Action '{0}' of {1} has no FastCGI handling (no SetHandler fastcgi-script, FastCgiServer or fcgid for it): PHP starts once per request as plain CGI",
        "Handlers",
        Severity.Warning,
        "The seed's setup only becomes FastCGI when the Action target (the php-wrapper) is itself handled by mod_fastcgi: `<Location /cgi/php-wrapper> SetHandler fastcgi-script`. Without it the ScriptAlias runs the wrapper through mod_cgi for every request: PHP loads, runs and exits each time, opcode caches and persistent connections are useless (FAQ I-D).");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        foreach (var vhost in model.VirtualHosts)
            foreach (var backend in vhost.Backends)
            {
                if (backend.Kind != PhpBackendKind.Cgi || backend.Action is null) continue;
                context.Report(Diagnostic.Create(Rule, backend.Action.Location, backend.Action.Value, vhost.DisplayName)
                    .WithRelated(backend.Mapping.Location, ".php is handed to this Action here"));
            }
    }
}
