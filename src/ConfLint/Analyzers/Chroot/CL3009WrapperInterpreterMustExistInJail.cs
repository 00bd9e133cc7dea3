using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;
using ConfLint.Jail;

namespace ConfLint.Analyzers.Chroot;

/// <summary>The wrapper's #! interpreter, or a library it needs, is missing inside the jail.</summary>
public sealed class CL3009WrapperInterpreterMustExistInJail : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL3009",
        "Wrapper's interpreter or its libraries missing inside the jail",
        "{0} is not inside the jail '{1}'{2}: after the chroot the kernel cannot start the wrapper",
        "Chroot",
        Severity.Error,
        "The chrooting wrapper execs the php-wrapper after chroot, so its `#!` line (`#!/bin/sh`) names a program inside the jail, and that program's loader and libraries must be there too. A jail with php-fcgi but no /bin/sh fails before PHP is ever reached.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        if (context.Options.NoDisk) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var backend in model.Backends)
        {
            if (backend.Jail is not { } jail || backend.Wrapper is not { } wrapper || wrapper.Interpreter is not { } interpreter) continue;
            if (!interpreter.StartsWith('/') || !seen.Add(wrapper.HostPath)) continue;
            var shebang = wrapper.Source.GetLineLocation(1);
            var hostPath = HostModelBuilder.ToHostPath(jail, interpreter);
            if (!model.FileExistsInJail(jail, hostPath))
            {
                context.Report(Diagnostic.Create(Rule, shebang, $"the interpreter '{interpreter}'", jail.Root, $" (looked for {hostPath})")
                    .WithRelated(jail.Source, "where the jail comes from"));
                continue;
            }
            foreach (var missing in new JailLibraryResolver(model.FileSystem, jail.Root).FindMissing(interpreter))
                context.Report(Diagnostic.Create(Rule, shebang, $"'{missing.Name}', needed by {interpreter},", jail.Root, "")
                    .WithRelated(jail.Source, "where the jail comes from"));
        }
    }
}
