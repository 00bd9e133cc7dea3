using ConfLint.Diagnostics;
using ConfLint.Syntax.Ini;

namespace ConfLint.Analyzers.PhpIni;

/// <summary>A pool's chroot (or prefix) is missing or not absolute, or its chdir does not exist inside the jail.</summary>
public sealed class CL4012FpmChrootMustExist : Analyzer<FpmConfig>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL4012",
        "FPM pool chroot or chdir does not exist",
        "{0} (php-fpm: {1})",
        "PhpIni",
        Severity.Error,
        "php-fpm checks while reading its configuration that a pool's `chroot` (after `$prefix` is replaced) is an absolute, existing directory and that `chdir` exists inside it (fpm_conf_process_all_pools). Otherwise `php-fpm -t` fails and the service does not start. Paths are read under --root; --no-disk skips the existence checks.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(FpmConfig input, AnalysisContext context)
    {
        foreach (var problem in input.Problems)
        {
            if (!problem.OnDisk) continue;
            context.Report(Diagnostic.Create(Rule, problem.Location, problem.Message, problem.EngineMessage)
                .WithIncludeChain(problem.IncludeChain) with { EngineOrder = problem.Order });
        }
    }
}
