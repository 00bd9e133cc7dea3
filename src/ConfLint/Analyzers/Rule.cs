using ConfLint.Diagnostics;

namespace ConfLint.Analyzers;

/// <summary>
/// A rule: one descriptor. Rules whose facts are found while reading a file (a section never
/// closed, an Include that matches nothing) are reported by the front end through the rule's
/// descriptor; every other rule is an <see cref="Analyzer{TInput}"/> over what it inspects.
/// </summary>
public interface IRule
{
    DiagnosticDescriptor Descriptor { get; }
}

/// <summary>
/// An analyzer inspects one kind of input (an Apache configuration, a php.ini, an FPM config,
/// a wrapper script, a passwd file, the hosting model…) and reports through the context.
/// Analyzers only read; they never parse text nor format output.
/// </summary>
public abstract class Analyzer<TInput> : IRule where TInput : class
{
    public abstract DiagnosticDescriptor Descriptor { get; }

    public abstract void Analyze(TInput input, AnalysisContext context);

    /// <summary>
    /// The name of work this analyzer shares with others, done once by whichever of them runs first (the dictionary checks
    /// of an Apache configuration); null when it shares none. When the rules run on two threads, two analyzers sharing work
    /// are not started side by side, where one would only wait for the other.
    /// </summary>
    public virtual string? SharedWork => null;
}

/// <summary>Where an analyzer reports; knows the options of the run.</summary>
public sealed class AnalysisContext
{
    private readonly DiagnosticBag _bag;

    public AnalysisContext(DiagnosticBag bag, AnalysisOptions options)
    {
        _bag = bag;
        Options = options;
    }

    public AnalysisOptions Options { get; }

    public void Report(Diagnostic diagnostic) => _bag.Add(diagnostic);

    public bool ReportOnce(string key, Diagnostic diagnostic) => _bag.ReportOnce(key, diagnostic);
}

/// <summary>Run-wide settings that rules may read (values not found in any file).</summary>
public sealed record AnalysisOptions
{
    public static AnalysisOptions Default { get; } = new();

    /// <summary>Skip every check that reads the disk beyond the configuration files (CL7xxx, existence checks).</summary>
    public bool NoDisk { get; init; }
}
