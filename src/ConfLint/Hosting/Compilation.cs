using ConfLint.Analyzers;
using ConfLint.Diagnostics;
using ConfLint.Text;

namespace ConfLint.Hosting;

/// <summary>
/// One lint run: the files that were read, the syntax trees and models built from them (inputs),
/// and the diagnostics the front ends reported while reading. <see cref="Analyze"/> runs every
/// analyzer registered for each input's type, applies inline suppressions and returns the
/// findings in a stable order.
/// </summary>
public sealed class Compilation
{
    private readonly List<SourceText> _sources = new();
    private readonly HashSet<string> _sourcePaths = new(StringComparer.Ordinal);
    private readonly List<object> _inputs = new();
    private readonly List<Action<AnalysisContext>> _analysisPasses = new();

    public Compilation(HostFileSystem fileSystem, AnalysisOptions? options = null)
    {
        FileSystem = fileSystem;
        Options = options ?? AnalysisOptions.Default;
    }

    public HostFileSystem FileSystem { get; }

    public AnalysisOptions Options { get; }

    /// <summary>What the front ends reported while reading (CL0001, CL0002, structure errors…).</summary>
    public DiagnosticBag Diagnostics { get; } = new();

    public IReadOnlyList<SourceText> Sources => _sources;

    public IReadOnlyList<object> Inputs => _inputs;

    public void AddSource(SourceText text)
    {
        if (_sourcePaths.Add(text.Path)) _sources.Add(text);
    }

    /// <summary>Adds an input; analyzers registered for <typeparamref name="T"/> will inspect it.</summary>
    public void AddInput<T>(T input) where T : class
    {
        _inputs.Add(input);
        _analysisPasses.Add(context =>
        {
            foreach (var analyzer in RuleCatalog.AnalyzersFor<T>()) analyzer.Analyze(input, context);
        });
    }

    public IEnumerable<T> InputsOf<T>() where T : class => _inputs.OfType<T>();

    public IReadOnlyList<Diagnostic> Analyze()
    {
        var bag = new DiagnosticBag();
        bag.AddRange(Diagnostics);
        var context = new AnalysisContext(bag, Options);
        foreach (var pass in _analysisPasses) pass(context);
        var suppressions = _sources.SelectMany(s => Suppressions.Scan(s, bag)).ToList();
        return Suppressions.Apply(bag, suppressions)
            .Distinct()
            .OrderBy(d => d.Location.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
    }
}
