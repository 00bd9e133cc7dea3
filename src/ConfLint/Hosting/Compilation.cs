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
    private readonly List<AnalysisPass> _analysisPasses = new();

    // The analyzers of one input. A pass over the whole host (the hosting model) reads the disk and every other input.
    private sealed record AnalysisPass(bool WholeHost, Action<AnalysisContext> Run);

    // Below this many per-file passes a second thread costs more than it saves.
    private const int MinPassesForSecondThread = 256;

    /// <summary>Whether the per-file rules run on a second thread: null decides by the number of inputs (tests force it).</summary>
    internal bool? AnalyzeOnTwoThreads { get; set; }

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
        _analysisPasses.Add(new AnalysisPass(input is Model.HostModel, context =>
        {
            foreach (var analyzer in RuleCatalog.AnalyzersFor<T>()) analyzer.Analyze(input, context);
        }));
    }

    public IEnumerable<T> InputsOf<T>() where T : class => _inputs.OfType<T>();

    /// <summary>
    /// Adds what a staging compilation holds (its sources, inputs and diagnostics, in their order) as if
    /// it had been read here: files read on another thread join in the order a single thread would
    /// have read them.
    /// </summary>
    public void Append(Compilation staged)
    {
        foreach (var text in staged._sources) AddSource(text);
        _inputs.AddRange(staged._inputs);
        _analysisPasses.AddRange(staged._analysisPasses);
        Diagnostics.Append(staged.Diagnostics);
    }

    public IReadOnlyList<Diagnostic> Analyze()
    {
        var bag = new DiagnosticBag();
        bag.AddRange(Diagnostics);
        int fileInputs = _analysisPasses.Count(p => !p.WholeHost);
        bool twoThreads = AnalyzeOnTwoThreads ?? (fileInputs >= MinPassesForSecondThread && fileInputs < _analysisPasses.Count);
        if (!twoThreads)
        {
            var context = new AnalysisContext(bag, Options);
            foreach (var pass in _analysisPasses) pass.Run(context);
        }
        else
        {
            // The rules of each file (php.ini, wrappers, Apache files...) run on a second thread while the whole-host
            // rules run on this one: all inputs are read-only by now. Each pass reports into its own bag, and the bags
            // are joined in pass order, so the findings are exactly those of one thread.
            var bags = _analysisPasses.Select(_ => new DiagnosticBag()).ToArray();
            void RunPasses(bool wholeHost)
            {
                for (int i = 0; i < _analysisPasses.Count; i++)
                    if (_analysisPasses[i].WholeHost == wholeHost) _analysisPasses[i].Run(new AnalysisContext(bags[i], Options));
            }
            var files = Task.Run(() => RunPasses(wholeHost: false));
            RunPasses(wholeHost: true);
            files.GetAwaiter().GetResult();
            foreach (var passBag in bags) bag.Append(passBag);
        }
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
