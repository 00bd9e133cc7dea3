using System.Collections;
using ConfLint.Text;

namespace ConfLint.Diagnostics;

/// <summary>A collector of diagnostics that parsers, loaders and analyzers report into.</summary>
public sealed class DiagnosticBag : IEnumerable<Diagnostic>
{
    private readonly List<Diagnostic> _items = new();
    private readonly HashSet<string> _onceKeys = new(StringComparer.Ordinal);

    public int Count => _items.Count;

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    public Diagnostic Report(DiagnosticDescriptor descriptor, Location location, params object?[] args)
    {
        var d = Diagnostic.Create(descriptor, location, args);
        _items.Add(d);
        return d;
    }

    /// <summary>Reports only the first time a key is seen (CL0004 "said once per cause").</summary>
    public bool ReportOnce(string key, Diagnostic diagnostic)
    {
        if (!_onceKeys.Add(key)) return false;
        _items.Add(diagnostic);
        return true;
    }

    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    public IReadOnlyList<Diagnostic> ToList() => _items.ToList();

    public IEnumerator<Diagnostic> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
