using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.Handlers;

/// <summary>mod_fastcgi runs a vhost's PHP with SuexecUserGroup set, but the server has no FastCgiWrapper.</summary>
public sealed class CL2004FastCgiSuexecNeedsWrapper : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL2004",
        "mod_fastcgi with SuexecUserGroup but no FastCgiWrapper",
        "{0} runs PHP through mod_fastcgi as '{1}', but the server {2}: fcgi-pm starts PHP as the Apache user, with no chroot",
        "Handlers",
        Severity.Error,
        "mod_fastcgi ignores SuexecUserGroup unless FastCgiWrapper (server config) names a wrapper (On = Apache's suexec, or a chrooting wrapper path). Without it every vhost's PHP runs as the Apache user, outside any jail, and can read every other site.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        bool off = model.FastCgiWrapper is { } w && w.Value.Equals("Off", StringComparison.OrdinalIgnoreCase);
        if (model.FastCgiWrapper is not null && !off) return;
        foreach (var vhost in model.VirtualHosts)
        {
            if (vhost.SuexecUser is not { } user || vhost.SuexecLocation is null) continue;
            var backend = vhost.Backends.FirstOrDefault(b => b.Kind == PhpBackendKind.ModFastcgi);
            if (backend is null) continue;
            var d = Diagnostic.Create(Rule, vhost.SuexecLocation, vhost.DisplayName, user.Value, off ? "sets FastCgiWrapper Off" : "sets no FastCgiWrapper")
                .WithRelated(backend.Mapping.Location, "PHP is handed to mod_fastcgi here");
            if (model.FastCgiWrapper is { } fw) d = d.WithRelated(fw.Location, "FastCgiWrapper Off");
            context.Report(d);
        }
    }
}
