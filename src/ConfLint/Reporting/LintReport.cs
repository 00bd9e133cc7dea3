using ConfLint.Analyzers;
using ConfLint.Diagnostics;
using ConfLint.Text;

namespace ConfLint.Reporting;

/// <summary>
/// What every report writer needs from one run: the findings, the rule catalogue (SARIF lists
/// every rule, not only those that fired), the texts that were read (to quote source lines and
/// fingerprint them), and the directory that paths in the report are relative to.
/// </summary>
public sealed record LintReport
{
    public LintReport(
        IReadOnlyList<Diagnostic> diagnostics,
        IReadOnlyList<DiagnosticDescriptor> rules,
        IReadOnlyDictionary<string, SourceText> sources,
        string baseDirectory)
        : this(diagnostics, rules, new Lazy<IReadOnlyDictionary<string, SourceText>>(sources), baseDirectory)
    {
    }

    private LintReport(
        IReadOnlyList<Diagnostic> diagnostics,
        IReadOnlyList<DiagnosticDescriptor> rules,
        Lazy<IReadOnlyDictionary<string, SourceText>> sources,
        string baseDirectory)
    {
        Diagnostics = diagnostics;
        Rules = rules;
        _sources = sources;
        BaseDirectory = Path.GetFullPath(string.IsNullOrEmpty(baseDirectory) ? "." : baseDirectory);
    }

    /// <summary>
    /// A report over the whole rule catalogue, with sources keyed by the path they were read from (indexed when a writer
    /// first asks for one: a clean run of a large host quotes none of its thousands of files).
    /// </summary>
    public static LintReport Create(IReadOnlyList<Diagnostic> diagnostics, IEnumerable<SourceText> sources, string baseDirectory) =>
        new(diagnostics, RuleCatalog.Descriptors.ToList(), new Lazy<IReadOnlyDictionary<string, SourceText>>(() => ToSourceMap(sources)), baseDirectory);

    public static IReadOnlyDictionary<string, SourceText> ToSourceMap(IEnumerable<SourceText> sources)
    {
        var map = new Dictionary<string, SourceText>(StringComparer.Ordinal);
        foreach (var s in sources) map.TryAdd(s.Path, s);
        return map;
    }

    private readonly Lazy<IReadOnlyDictionary<string, SourceText>> _sources;

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public IReadOnlyList<DiagnosticDescriptor> Rules { get; }

    /// <summary>Texts by <see cref="SourceText.Path"/> (the same key as <see cref="Location.Path"/>).</summary>
    public IReadOnlyDictionary<string, SourceText> Sources => _sources.Value;

    /// <summary>Absolute directory that report paths are relative to (SARIF's SRCROOT).</summary>
    public string BaseDirectory { get; }

    /// <summary>How many files the run checked; defaults to the number of texts read.</summary>
    public int? FileCount { get; init; }

    public int FilesChecked => FileCount ?? Sources.Count;

    /// <summary>The text of a 1-based line of a location's file, or null when the file was not read.</summary>
    public string? LineText(Location location)
    {
        if (!Sources.TryGetValue(location.Path, out var text)) return null;
        if (location.Line < 1 || location.Line > text.LineCount) return null;
        return text.GetLineText(location.Line);
    }

    /// <summary>
    /// The path to show for a file: relative to the base directory with forward slashes when the
    /// file lies under it, the absolute path otherwise.
    /// </summary>
    public string DisplayPath(string path) => ReportPaths.Relative(BaseDirectory, path) ?? path;
}
