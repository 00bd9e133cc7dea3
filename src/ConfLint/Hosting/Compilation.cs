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
    // The sources' paths, made once there are more than a few: a run stages each wrapper and php.ini it reads in a
    // compilation of its own, of one source.
    private HashSet<string>? _sourcePaths;
    private const int SourcesSearchedInPlace = 8;
    private readonly List<object> _inputs = new();
    private readonly List<AnalysisPass> _analysisPasses = new();

    // The analyzers of one input, or one analyzer of a long input (a whole-host analyzer reads the disk and every other input).
    private abstract record AnalysisPass(bool WholeHost, bool Long, string? SharedWork = null)
    {
        public abstract void Run(AnalysisContext context);
    }

    // One analyzer of a long input.
    private sealed record LongPass<T>(Analyzer<T> Analyzer, T Input, bool WholeHost) : AnalysisPass(WholeHost, Long: true, Analyzer.SharedWork) where T : class
    {
        public override void Run(AnalysisContext context) => Analyzer.Analyze(Input, context);
    }

    // Every analyzer of a file's input, in turn (one object per input: a host has tens of thousands).
    private sealed record InputPass<T>(IReadOnlyList<Analyzer<T>> Analyzers, T Input) : AnalysisPass(WholeHost: false, Long: false) where T : class
    {
        public override void Run(AnalysisContext context)
        {
            for (int i = 0; i < Analyzers.Count; i++) Analyzers[i].Analyze(Input, context);
        }
    }

    // Below this many per-file passes a second thread costs more than it saves.
    private const int MinPassesForSecondThread = 256;

    /// <summary>Whether the rules run on two threads: null decides by the number of inputs (tests force it).</summary>
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
        if (_sourcePaths is null)
        {
            foreach (var source in _sources)
                if (source.Path == text.Path) return;
            _sources.Add(text);
            if (_sources.Count > SourcesSearchedInPlace)
            {
                _sourcePaths = new HashSet<string>(StringComparer.Ordinal);
                foreach (var source in _sources) _sourcePaths.Add(source.Path);
            }
            return;
        }
        if (_sourcePaths.Add(text.Path)) _sources.Add(text);
    }

    /// <summary>Adds an input; analyzers registered for <typeparamref name="T"/> will inspect it.</summary>
    public void AddInput<T>(T input) where T : class
    {
        _inputs.Add(input);
        bool wholeHost = input is Model.HostModel;
        if (wholeHost || input is Syntax.Apache.ApacheConfiguration)
        {
            // The whole-host rules and those of the whole Apache configuration (every file Include reached) are the long
            // passes: one pass each, so that two threads can share them.
            foreach (var analyzer in RuleCatalog.AnalyzersFor<T>())
                _analysisPasses.Add(new LongPass<T>(analyzer, input, wholeHost));
            return;
        }
        _analysisPasses.Add(new InputPass<T>(RuleCatalog.AnalyzersFor<T>(), input));
    }

    public IEnumerable<T> InputsOf<T>() where T : class => _inputs.OfType<T>();

    // The order two threads take the passes in: the long ones first, but of the long passes that share work only the first
    // comes early; the others follow the rest of the long passes, when the shared work is done (the thread that took one
    // of them early would only have waited for it).
    /// <summary>What each pass shares with others (<see cref="Analyzers.Analyzer{TInput}.SharedWork"/>), in registration order (tests).</summary>
    internal IReadOnlyList<(bool Long, string? SharedWork)> Passes => _analysisPasses.Select(p => (p.Long, p.SharedWork)).ToList();

    internal int[] PassOrder()
    {
        var rank = new int[_analysisPasses.Count];
        var shared = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < rank.Length; i++)
        {
            var pass = _analysisPasses[i];
            rank[i] = !pass.Long ? 2 : pass.SharedWork is { } work && !shared.Add(work) ? 1 : 0;
        }
        return Enumerable.Range(0, rank.Length).OrderBy(i => rank[i]).ToArray();
    }

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
        bool twoThreads = AnalyzeOnTwoThreads ?? fileInputs >= MinPassesForSecondThread;
        if (!twoThreads)
        {
            var context = new AnalysisContext(bag, Options);
            foreach (var pass in _analysisPasses) pass.Run(context);
        }
        else
        {
            // Two threads take the passes one at a time, the long ones first (so that no thread is left with one at the
            // end): all inputs are read-only by now. Each pass reports into its own
            // bag, and the bags are joined in pass order, so the findings are exactly those of one thread.
            var bags = _analysisPasses.Select(_ => new DiagnosticBag()).ToArray();
            var order = PassOrder();
            int next = -1;
            void RunPasses()
            {
                int taken;
                while ((taken = Interlocked.Increment(ref next)) < order.Length)
                    _analysisPasses[order[taken]].Run(new AnalysisContext(bags[order[taken]], Options));
            }
            var helper = Task.Run(RunPasses);
            RunPasses();
            helper.GetAwaiter().GetResult();
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
