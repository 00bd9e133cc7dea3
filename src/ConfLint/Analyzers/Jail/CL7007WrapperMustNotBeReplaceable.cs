using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;
using ConfLint.Jail;

namespace ConfLint.Analyzers.Jail;

/// <summary>The wrapper is a symlink or writable by group/others (suexec exit 117/118), or writable by the jailed user.</summary>
public sealed class CL7007WrapperMustNotBeReplaceable : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL7007",
        "Wrapper is a symlink or writable by others",
        "the wrapper '{0}' {1}",
        "Jail",
        Severity.Error,
        "suexec refuses a program that is a symlink (exit 117) or writable by group or others (exit 118). The seed's custom FastCGI wrapper relaxes suexec's ownership checks because php-fcgi is root-owned; then the wrapper itself is the last guard: when the jailed user can write it, the user chooses what runs as them with the wrapper's rights, before the chroot.",
        securitySeverity: 7.5);

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        if (context.Options.NoDisk) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var vhost in model.VirtualHosts)
        {
            foreach (var backend in vhost.Backends)
            {
                if (backend.WrapperHostPath is not { } wrapper || !seen.Add(wrapper.Value)) continue;
                var info = model.Lstat(backend.Jail, wrapper.Value);
                if (!info.Exists) continue;
                string? why = null;
                if (info.Kind == JailFileKind.Symlink) why = $"is a symlink (to {info.LinkTarget}): suexec refuses it (exit 117)";
                else if (info.IsGroupOrOtherWritable) why = $"is writable by {((info.Mode & JailFileInfo.GroupWrite) != 0 ? "group" : "others")} (mode {info.OctalMode}): suexec refuses it (exit 118)";
                else if (backend.Jail is not null && vhost.User?.Uid is { } uid && info.Uid == uid && info.Uid != 0)
                    why = $"is owned by the jailed user '{vhost.User.Name.Text}' (UID {uid}), who can rewrite what the wrapper starts";
                if (why is null) continue;
                context.Report(Diagnostic.Create(Rule, wrapper.Location, wrapper.Value, why));
            }
        }
    }
}
