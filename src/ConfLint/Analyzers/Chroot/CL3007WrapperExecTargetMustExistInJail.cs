using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.Chroot;

/// <summary>The wrapper execs a PHP binary that is not inside the jail (an in-jail path after chroot).</summary>
public sealed class CL3007WrapperExecTargetMustExistInJail : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL3007",
        "Wrapper's exec target does not exist inside the jail",
        "'{0}' does not exist inside the jail: after chroot to '{1}' the wrapper cannot exec it (looked for {2})",
        "Chroot",
        Severity.Error,
        "The php-wrapper runs after the chroot, so `exec /usr/bin/php-fcgi` names a path inside the jail (jail root + /usr/bin/php-fcgi on the host). When it is missing the process manager sees the wrapper die at once and keeps restarting it; no PHP request is served.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        if (context.Options.NoDisk) return;
        var seen = new HashSet<(string, string)>();
        foreach (var backend in model.Backends)
        {
            if (backend.Jail is not { } jail || backend.Wrapper is null || backend.PhpBinary is not { } php || backend.PhpBinaryHostPath is not { } hostPath) continue;
            if (!php.Value.StartsWith('/') || !seen.Add((jail.Root, php.Value))) continue;
            if (model.FileExistsInJail(jail, hostPath)) continue;
            context.Report(Diagnostic.Create(Rule, php.Location, php.Value, jail.Root, hostPath)
                .WithRelated(jail.Source, "where the jail comes from"));
        }
    }
}
