using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.Chroot;

/// <summary>The vhost's DocumentRoot lies outside its user's jail: the jailed PHP cannot reach the scripts.</summary>
public sealed class CL3004DocumentRootMustBeInsideJail : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL3004",
        "DocumentRoot is not inside the user's jail",
        "DocumentRoot '{0}' is outside the jail '{1}' of '{2}': the chrooted PHP cannot open these scripts",
        "Chroot",
        Severity.Error,
        "After chroot the PHP process sees only the jail (the part of the suexec user's home before '/./'). A DocumentRoot outside it holds scripts the chrooted PHP can never open ('No input file specified.'), or, when the jail is later widened to reach them, files of other users become reachable too.",
        securitySeverity: 7.5);

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        foreach (var vhost in model.VirtualHosts)
        {
            if (vhost.Jail is not { } jail || vhost.DocumentRoot is not { } docRoot || vhost.User is not { } user) continue;
            if (HostModelBuilder.InJailPath(jail, docRoot.Value) is not null) continue;
            context.Report(Diagnostic.Create(Rule, docRoot.Location, docRoot.Value, jail.Root, user.Name.Text)
                .WithRelated(jail.Source, $"the jail of '{user.Name.Text}' (home before '/./')"));
        }
    }
}
