using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;
using ConfLint.Jail;

namespace ConfLint.Analyzers.Jail;

/// <summary>A setuid or setgid file inside a jail.</summary>
public sealed class CL7002JailMustHoldNoSetuidFiles : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL7002",
        "Setuid or setgid file inside the jail",
        "'{0}' inside the jail '{1}' is {2} (mode {3}, owner {4}): a jailed process that can plant files the jail trusts can turn it into a way out",
        "Jail",
        Severity.Error,
        "chroot(2) does not stop root: a process that regains root inside a jail can leave it. A setuid or setgid program inside the jail runs with its owner's rights on files the jail provides (libraries, /etc/passwd, /etc/ld.so.preload), which the jailed user may be able to influence. jailkit's jk_check reports every such file; a PHP jail needs none.",
        securitySeverity: 9.0);

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        if (context.Options.NoDisk) return;
        foreach (var use in model.Jails)
        {
            foreach (var entry in model.JailEntries(use.Jail.Root))
            {
                if (entry.Kind != JailFileKind.File || !(entry.IsSetUid || entry.IsSetGid)) continue;
                var what = entry.IsSetUid && entry.IsSetGid ? "setuid and setgid" : entry.IsSetUid ? "setuid" : "setgid";
                context.Report(Diagnostic.Create(Rule, use.Jail.Source, entry.HostPath, use.Jail.Root, what, entry.OctalMode, entry.Uid));
            }
        }
    }
}
