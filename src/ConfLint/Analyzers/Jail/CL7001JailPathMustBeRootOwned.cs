using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;
using ConfLint.Jail;

namespace ConfLint.Analyzers.Jail;

/// <summary>A jail path component or a directory inside the jail is not root-owned, or is writable by group/others.</summary>
public sealed class CL7001JailPathMustBeRootOwned : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL7001",
        "Jail path is not root-owned or is writable by group or others",
        "'{0}' is {1}: {2}",
        "Jail",
        Severity.Error,
        "A chroot is only a wall when the jailed user cannot change it. OpenSSH's ChrootDirectory rule: every component of the jail's path, from / to the jail root, must be owned by root and not writable by group or others; jailkit's jk_uchroot asks the same of the jail's system directories (/bin, /lib, /usr, /etc, /dev, /sbin). A user who can write there can plant /etc/passwd, /etc/ld.so.preload or libraries that a setuid program or the next chrooting process trusts. Inside the jail, a directory writable by others without the sticky bit lets any jailed process replace anything in it.",
        securitySeverity: 9.0);

    private static readonly string[] SystemDirectories = { "/bin", "/sbin", "/lib", "/lib64", "/usr", "/etc", "/dev" };

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        if (context.Options.NoDisk) return;
        var inspector = model.Inspector;
        foreach (var use in model.Jails)
        {
            var jail = use.Jail;
            var entries = model.JailEntries(jail.Root);
            // The walk read the jail root and its own directories already; a root that is not a directory (a symlink) was
            // not walked, so its system directories are looked up through it.
            var walked = entries.Count > 0 ? entries[0] : null;
            foreach (var component in inspector.PathComponents(jail.Root, walked))
            {
                if (!component.Exists) continue;
                var why = OwnershipProblem(component);
                if (why is not null) context.Report(Diagnostic.Create(Rule, jail.Source, component.HostPath, why, "a jailed process (or the user) can replace the jail itself"));
            }
            var systemDirectories = walked is { Kind: JailFileKind.Directory }
                ? SystemDirectoriesIn(entries)
                : SystemDirectories.Select(d => inspector.Lstat(jail.Root + d));
            foreach (var dir in systemDirectories.Where(d => d.Kind == JailFileKind.Directory))
            {
                var why = OwnershipProblem(dir);
                if (why is not null) context.Report(Diagnostic.Create(Rule, jail.Source, dir.HostPath, why, "the jail's system files can be replaced from inside"));
            }
            foreach (var entry in entries)
            {
                if (entry.Kind != JailFileKind.Directory || entry.IsSticky) continue;
                if (entry.PathInJail == "/" || Array.IndexOf(SystemDirectories, entry.PathInJail) >= 0) continue;
                // Others may never write; a group may write a user's own directory (a domain's users can share a GID,
                // seed II-A) but not one of root's, whose files the jail trusts.
                bool others = (entry.Mode & JailFileInfo.OtherWrite) != 0;
                bool rootsForGroup = entry.Uid == 0 && (entry.Mode & JailFileInfo.GroupWrite) != 0;
                if (!others && !rootsForGroup) continue;
                var why = others ? $"writable by others (mode {entry.OctalMode}) without the sticky bit" : $"root's and writable by its group (mode {entry.OctalMode})";
                context.Report(Diagnostic.Create(Rule, jail.Source, entry.HostPath, why, "processes in the jail can replace its files"));
            }
        }
    }

    // The walk's entries for /bin, /sbin, ... (those present), in the order of SystemDirectories.
    private static IEnumerable<JailFileInfo> SystemDirectoriesIn(JailWalk entries)
    {
        var found = new JailFileInfo?[SystemDirectories.Length];
        foreach (var entry in entries)
        {
            // Only the root's own children can be one of them.
            if (entry.PathInJail.Length < 2 || entry.PathInJail.IndexOf('/', 1) >= 0) continue;
            int index = Array.IndexOf(SystemDirectories, entry.PathInJail);
            if (index >= 0) found[index] = entry;
        }
        return found.OfType<JailFileInfo>();
    }

    private static string? OwnershipProblem(JailFileInfo info)
    {
        if (info.Uid != 0) return $"owned by UID {info.Uid}, not root";
        if (info.IsGroupOrOtherWritable) return $"writable by {((info.Mode & JailFileInfo.GroupWrite) != 0 ? "group" : "others")} (mode {info.OctalMode})";
        return null;
    }
}
