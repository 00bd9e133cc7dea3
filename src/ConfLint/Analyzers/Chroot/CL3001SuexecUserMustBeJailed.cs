using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.Chroot;

/// <summary>The host chroots its PHP, but this vhost's suexec user has no `/./` in its home: the wrapper finds no jail.</summary>
public sealed class CL3001SuexecUserMustBeJailed : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL3001",
        "Suexec user of a jailed host has no /./ in its home",
        "user '{0}' has home '{1}' with no '/./': the chrooting wrapper finds no jail, so this site's PHP is not chrooted",
        "Chroot",
        Severity.Error,
        "The host uses jails (a custom FastCgiWrapper, or other suexec users with /./ homes), and the chrooting wrapper finds each jail by cutting the user's passwd home at '/./'. A SuexecUserGroup user without '/./' gets no chroot: its PHP sees the whole server, and the user-from-user isolation the host promises is gone.",
        securitySeverity: 9.0);

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        if (!model.UsesJails || model.Passwd is null) return;
        foreach (var vhost in model.VirtualHosts)
        {
            if (vhost.User is not { } user || vhost.SuexecLocation is null || user.JailRoot is not null) continue;
            context.Report(Diagnostic.Create(Rule, vhost.SuexecLocation, user.Name.Text, user.Home.Text)
                .WithRelated(model.Passwd.GetLocation(user.Home.Span), $"home of '{user.Name.Text}' in {model.Passwd.Source.HostPath}"));
        }
    }
}
