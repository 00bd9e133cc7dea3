using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;
using ConfLint.Jail;

namespace ConfLint.Analyzers.Jail;

/// <summary>The php.ini a jailed PHP loads is writable by the jailed user.</summary>
public sealed class CL7006JailedPhpIniMustNotBeWritableByUser : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL7006",
        "php.ini of a jailed PHP is writable by the jailed user",
        "'{0}' is writable by {1} (owner {2}, mode {3}), the user PHP runs as: its scripts can lift their own open_basedir, disable_functions and doc_root",
        "Jail",
        Severity.Warning,
        "Restrictions set in php.ini only hold when the user they restrict cannot edit php.ini. A php.ini inside the jail owned by (or writable through the group of) the suexec user can be rewritten by any script of the site, and takes effect the next time PHP starts.",
        securitySeverity: 7.5);

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        if (context.Options.NoDisk) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var use in model.Jails)
        {
            if (use.Uid is not { } uid) continue;
            foreach (var backend in use.VirtualHost.Backends)
            {
                if (backend.Jail?.Root != use.Jail.Root) continue;
                foreach (var ini in backend.IniFiles)
                {
                    if (!seen.Add(ini.HostPath)) continue;
                    var info = model.Lstat(use.Jail, ini.HostPath);
                    if (!info.Exists) continue;
                    string? who = null;
                    if (info.Uid == uid && (info.Mode & 0x80) != 0) who = "its owner";
                    else if (use.Gid is { } gid && info.Gid == gid && (info.Mode & JailFileInfo.GroupWrite) != 0) who = "its group";
                    else if ((info.Mode & JailFileInfo.OtherWrite) != 0) who = "everyone";
                    if (who is null) continue;
                    context.Report(Diagnostic.Create(Rule, ini.Text.GetLineLocation(1), ini.HostPath, who, info.Uid, info.OctalMode)
                        .WithRelated(use.Jail.Source, "the jailed user"));
                }
            }
        }
    }
}
