using ConfLint.Analyzers.Input;
using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;
using ConfLint.Text;

namespace ConfLint.Analyzers.Chroot;

/// <summary>SuexecUserGroup names a user or group the host does not have (httpd: AH00543 bad user name).</summary>
public sealed class CL3002SuexecUserAndGroupMustExist : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL3002",
        "SuexecUserGroup user or group does not exist",
        "SuexecUserGroup names {0} '{1}', which {2} does not define",
        "Chroot",
        Severity.Error,
        "suexec runs each vhost's programs as the SuexecUserGroup user and group, looked up in the host's passwd and group files. httpd refuses to start for an unknown user (AH00543: bad user name) and suexec refuses an unknown group, so the site serves no PHP at all.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        foreach (var vhost in model.VirtualHosts)
        {
            if (vhost.SuexecUser is not { } user || vhost.SuexecLocation is null) continue;
            // suexec accepts `~user` (userdir) and `#uid`/`#gid`; those are not names to look up.
            var userName = user.Value.TrimStart('~');
            if (model.Passwd is null)
            {
                context.ReportOnce("CL3002:passwd", Diagnostic.Create(CL0004CheckNeedsMissingFact.Rule, vhost.SuexecLocation,
                    "not checked: no /etc/passwd under the root, so SuexecUserGroup users cannot be looked up"));
            }
            else if (!userName.StartsWith('#') && vhost.User is null)
            {
                var d = Diagnostic.Create(Rule, vhost.SuexecLocation, "user", userName, model.Passwd.Source.HostPath)
                    .WithRelated(Location.ForFile(model.Passwd.Source.Path, model.Passwd.Source.HostPath), "the passwd file read");
                foreach (var problem in model.Passwd.ProblemsOf(userName))
                    d = d.WithRelated(model.Passwd.GetLocation(problem.Span), $"this line for '{userName}' {problem.Message}");
                context.Report(d);
            }
            if (vhost.SuexecGroup is not { } group || group.Value.StartsWith('#')) continue;
            if (model.Group is null)
            {
                context.ReportOnce("CL3002:group", Diagnostic.Create(CL0004CheckNeedsMissingFact.Rule, vhost.SuexecLocation,
                    "not checked: no /etc/group under the root, so SuexecUserGroup groups cannot be looked up"));
            }
            else if (vhost.Group is null)
            {
                context.Report(Diagnostic.Create(Rule, vhost.SuexecLocation, "group", group.Value, model.Group.Source.HostPath)
                    .WithRelated(Location.ForFile(model.Group.Source.Path, model.Group.Source.HostPath), "the group file read"));
            }
        }
    }
}
