using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.Handlers;

/// <summary>A vhost runs PHP through FastCGI without SuexecUserGroup while other vhosts of the host use it.</summary>
public sealed class CL2005FastCgiVhostShouldUseSuexec : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL2005",
        "FastCGI vhost without SuexecUserGroup on a suexec host",
        "{0} runs PHP through {1} without SuexecUserGroup, while {2} other vhost(s) use it: this site's PHP runs as the Apache user, not jailed",
        "Handlers",
        Severity.Warning,
        "On a host where vhosts run PHP as their own users (SuexecUserGroup, often chrooted), a FastCGI vhost without SuexecUserGroup gets its PHP started as the Apache user: it can read every other site's files and sessions, and escapes the jails the others are in.",
        securitySeverity: 7.5);

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        var withSuexec = model.VirtualHosts.Count(v => v.SuexecUser is not null);
        if (withSuexec == 0) return;
        foreach (var vhost in model.VirtualHosts.Where(v => v.SuexecUser is null && v.Section is not null))
        {
            var backend = vhost.Backends.FirstOrDefault(b => b.Kind is PhpBackendKind.ModFastcgi or PhpBackendKind.ModFcgid);
            if (backend is null) continue;
            var other = model.VirtualHosts.First(v => v.SuexecUser is not null);
            context.Report(Diagnostic.Create(Rule, vhost.Location, vhost.DisplayName, backend.Kind == PhpBackendKind.ModFcgid ? "mod_fcgid" : "mod_fastcgi", withSuexec)
                .WithRelated(backend.Mapping.Location, "PHP is handed to FastCGI here")
                .WithRelated(other.SuexecLocation!, $"{other.DisplayName} runs as '{other.SuexecUser!.Value}'"));
        }
    }
}
