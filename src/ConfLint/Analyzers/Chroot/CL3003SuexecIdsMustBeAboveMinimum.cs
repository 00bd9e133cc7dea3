using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.Chroot;

/// <summary>The suexec user's UID or GID is 0 or below suexec's minimum (suexec exits 107/108).</summary>
public sealed class CL3003SuexecIdsMustBeAboveMinimum : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL3003",
        "Suexec user's UID or GID is 0 or below the suexec minimum",
        "{0} of '{1}' is {2}, {3}: suexec refuses to run it (exit {4})",
        "Chroot",
        Severity.Error,
        "suexec refuses a target UID of 0 or below AP_UID_MIN (exit 107) and a GID of 0 or below AP_GID_MIN (exit 108); Debian builds it with 100 for both. A custom chrooting wrapper that skips the check runs a site's PHP as root or a system account, able to leave the jail.",
        securitySeverity: 7.5);

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        if (model.Passwd is null) return;
        foreach (var vhost in model.VirtualHosts)
        {
            if (vhost.User is not { } user || vhost.SuexecLocation is null) continue;
            Check("UID", user.Uid, model.Options.UidMin, 107, model.Passwd.GetLocation(user.UidField.Span));
            long? gid = vhost.Group?.Gid ?? user.Gid;
            var gidAt = vhost.Group is { } g && model.Group is not null ? model.Group.GetLocation(g.GidField.Span) : model.Passwd.GetLocation(user.GidField.Span);
            Check("GID", gid, model.Options.GidMin, 108, gidAt);

            void Check(string what, long? id, long minimum, int exit, Text.Location fact)
            {
                if (id is not { } value || (value != 0 && value >= minimum)) return;
                var why = value == 0 ? "root's" : $"below the minimum {minimum}";
                context.Report(Diagnostic.Create(Rule, vhost.SuexecLocation, what, user.Name.Text, value, why, exit)
                    .WithRelated(fact, $"{what} of '{user.Name.Text}'"));
            }
        }
    }
}
