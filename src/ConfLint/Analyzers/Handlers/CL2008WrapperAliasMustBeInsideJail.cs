using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.Handlers;

/// <summary>The ScriptAlias/Alias that maps the wrapper points outside the vhost user's jail.</summary>
public sealed class CL2008WrapperAliasMustBeInsideJail : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL2008",
        "Wrapper alias points outside the user's jail",
        "{0} maps the wrapper to '{1}', outside the jail '{2}' of '{3}': the chrooting wrapper execs a program the jailed site does not own, or none at all",
        "Handlers",
        Severity.Warning,
        "In the seed's setup each vhost's ScriptAlias points into its own jail (`ScriptAlias /cgi/ /www/h/o/host/cgi/`), so the wrapper fcgi-pm starts is the site's own php-wrapper inside the chroot. An alias into another tree runs a wrapper shared with other sites or not reachable after the chroot.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        foreach (var vhost in model.VirtualHosts)
        {
            foreach (var backend in vhost.Backends)
            {
                if (backend.Jail is not { } jail || vhost.User is not { } user || backend.WrapperHostPath is not { } wrapper) continue;
                if (backend.ActionTargetMapping is not { } mapping || mapping.Value == "DocumentRoot") continue;
                if (HostModelBuilder.InJailPath(jail, wrapper.Value) is not null) continue;
                context.Report(Diagnostic.Create(Rule, mapping.Location, mapping.Value, wrapper.Value, jail.Root, user.Name.Text)
                    .WithRelated(jail.Source, $"the jail of '{user.Name.Text}'"));
            }
        }
    }
}
