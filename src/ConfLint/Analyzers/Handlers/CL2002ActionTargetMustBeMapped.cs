using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.Handlers;

/// <summary>An Action target URL is not mapped by any ScriptAlias/Alias, nor is it a file under DocumentRoot.</summary>
public sealed class CL2002ActionTargetMustBeMapped : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL2002",
        "Action target URL is not mapped to a file",
        "Action target '{0}' of {1} is not mapped by any ScriptAlias or Alias{2}: every .php request answers 404",
        "Handlers",
        Severity.Error,
        "mod_actions turns a request for x.php into a subrequest for the Action URL (`/cgi/php-wrapper`). That URL must map to the wrapper: through ScriptAlias/Alias in the vhost's scope, or as a file under DocumentRoot. Without the `virtual` modifier a missing target answers 404 for every PHP page.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        foreach (var vhost in model.VirtualHosts)
        {
            foreach (var backend in vhost.Backends)
            {
                if (backend.Action is null || backend.ActionIsVirtual) continue;
                var url = backend.Action!.Value.Split(' ').Last();
                var mapping = backend.ActionTargetMapping;
                if (mapping is not null && mapping.Value != "DocumentRoot") continue;
                if (mapping is not null && (context.Options.NoDisk || model.FileSystem.FileExists(backend.WrapperHostPath!.Value))) continue;
                var tail = mapping is null ? " and the vhost has no DocumentRoot" : $", and '{backend.WrapperHostPath!.Value}' under DocumentRoot does not exist";
                var d = Diagnostic.Create(Rule, backend.Action.Location, url, vhost.DisplayName, tail);
                if (mapping is not null) d = d.WithRelated(mapping.Location, "the DocumentRoot the URL falls under");
                context.Report(d);
            }
        }
    }
}
