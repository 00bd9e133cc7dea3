using System.Collections;
using ConfLint.Text;

namespace ConfLint.Diagnostics;

/// <summary>A collector of diagnostics that parsers, loaders and analyzers report into.</summary>
public sealed class DiagnosticBag : IEnumerable<Diagnostic>
{
    // Made on the first report: a host's run makes a bag for each of tens of thousands of files, and most stay empty.
    private List<Diagnostic>? _list;
    private List<Diagnostic> Items => _list ??= new();
    private static readonly List<Diagnostic> NoItems = new();
    private List<Diagnostic> Reported => _list ?? NoItems;
    private HashSet<string>? _onceKeys;

    // Which items were reported once per key (by index), so that Append keeps "once" across bags.
    private List<(int Index, string Key)>? _onceItems;

    public int Count => _list?.Count ?? 0;

    public void Add(Diagnostic diagnostic) => Items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => Items.AddRange(diagnostics);

    public Diagnostic Report(DiagnosticDescriptor descriptor, Location location, params object?[] args)
    {
        var d = Diagnostic.Create(descriptor, location, args);
        Items.Add(d);
        return d;
    }

    /// <summary>Reports only the first time a key is seen (CL0004 "said once per cause").</summary>
    public bool ReportOnce(string key, Diagnostic diagnostic)
    {
        if (!(_onceKeys ??= new(StringComparer.Ordinal)).Add(key)) return false;
        (_onceItems ??= new()).Add((Count, key));
        Items.Add(diagnostic);
        return true;
    }

    /// <summary>Adds what another bag holds, in its order, as if it had been reported here (a key reported once stays once).</summary>
    public void Append(DiagnosticBag other)
    {
        if (other._list is null) return;
        if (other._onceItems is null)
        {
            Items.AddRange(other._list);
            return;
        }
        var onceAt = other._onceItems.ToDictionary(o => o.Index, o => o.Key);
        for (int i = 0; i < other._list.Count; i++)
        {
            if (onceAt.TryGetValue(i, out var key)) ReportOnce(key, other._list[i]);
            else Items.Add(other._list[i]);
        }
    }

    public bool HasErrors => Reported.Any(d => d.Severity == Severity.Error);

    public IReadOnlyList<Diagnostic> ToList() => Reported.ToList();

    public IEnumerator<Diagnostic> GetEnumerator() => Reported.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
