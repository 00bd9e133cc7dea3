using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.Chroot;

/// <summary>Two vhosts with different suexec users share one jail directory.</summary>
public sealed class CL3008JailMustNotBeShared : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL3008",
        "Two suexec users share one jail",
        "'{0}' of {1} is jailed in '{2}', the jail of '{3}' of {4}: each site's PHP can read and change the other's files",
        "Chroot",
        Severity.Warning,
        "The seed's point of jails is that user X's mistakes cannot reach user Y. Several users of one domain may share a jail on purpose, but two vhosts run by different suexec users in the same jail directory see each other's files, sessions and uploads.",
        securitySeverity: 7.5);

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        var first = new Dictionary<string, VirtualHostModel>(StringComparer.Ordinal);
        foreach (var vhost in model.VirtualHosts)
        {
            if (vhost.Jail is not { } jail || vhost.User is not { } user || vhost.SuexecLocation is null) continue;
            if (!first.TryGetValue(jail.Root, out var other))
            {
                first[jail.Root] = vhost;
                continue;
            }
            if (other.User is not { } otherUser || otherUser.Name.Text == user.Name.Text) continue;
            context.Report(Diagnostic.Create(Rule, vhost.SuexecLocation, user.Name.Text, vhost.DisplayName, jail.Root, otherUser.Name.Text, other.DisplayName)
                .WithRelated(other.SuexecLocation!, $"{other.DisplayName} runs as '{otherUser.Name.Text}'")
                .WithRelated(jail.Source, $"home of '{user.Name.Text}'"));
        }
    }
}
