using System.Collections;
using ConfLint.Text;

namespace ConfLint.Diagnostics;

/// <summary>A collector of diagnostics that parsers, loaders and analyzers report into.</summary>
public sealed class DiagnosticBag : IEnumerable<Diagnostic>
{
    private readonly List<Diagnostic> _items = new();
    private HashSet<string>? _onceKeys;

    // Which items were reported once per key (by index), so that Append keeps "once" across bags.
    private List<(int Index, string Key)>? _onceItems;

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
        if (!(_onceKeys ??= new(StringComparer.Ordinal)).Add(key)) return false;
        (_onceItems ??= new()).Add((_items.Count, key));
        _items.Add(diagnostic);
        return true;
    }

    /// <summary>Adds what another bag holds, in its order, as if it had been reported here (a key reported once stays once).</summary>
    public void Append(DiagnosticBag other)
    {
        if (other._onceItems is null)
        {
            _items.AddRange(other._items);
            return;
        }
        var onceAt = other._onceItems.ToDictionary(o => o.Index, o => o.Key);
        for (int i = 0; i < other._items.Count; i++)
        {
            if (onceAt.TryGetValue(i, out var key)) ReportOnce(key, other._items[i]);
            else _items.Add(other._items[i]);
        }
    }

    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    public IReadOnlyList<Diagnostic> ToList() => _items.ToList();

    public IEnumerator<Diagnostic> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
