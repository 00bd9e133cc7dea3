using ConfLint.Diagnostics;
using ConfLint.Syntax.Ini;

namespace ConfLint.Analyzers.PhpIni;

/// <summary>php-fpm refuses the configuration: an unknown global or pool key, or a value it rejects.</summary>
public sealed class CL4013FpmConfigMustBeAccepted : Analyzer<FpmConfig>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL4013",
        "php-fpm refuses this configuration",
        "{0} (php-fpm: {1})",
        "PhpIni",
        Severity.Error,
        "php-fpm checks every key against its own lists (fpm_conf.c), parses each value with the key's type (integers, times with s/m/h/d, yes/no booleans, the pm and log_level names) and then checks the pools (pm.max_children ≥ 1, the spare-server bounds of pm = dynamic, a user when run as root, existing users and groups). The first problem stops it: `php-fpm -t` fails and the service does not start, taking every pool down with it.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(FpmConfig input, AnalysisContext context)
    {
        foreach (var problem in input.Problems)
        {
            // Syntax errors are CL4002, reported by the front end; missing directories are CL4012.
            if (problem.OnDisk || problem.Phase == FpmProblemPhase.Syntax) continue;
            var diagnostic = Diagnostic.Create(Rule, problem.Location, problem.Message, problem.EngineMessage)
                .WithIncludeChain(problem.IncludeChain) with { EngineOrder = problem.Order };
            context.Report(diagnostic);
        }
    }
}
