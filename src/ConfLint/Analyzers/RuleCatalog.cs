using ConfLint.Diagnostics;

namespace ConfLint.Analyzers;

/// <summary>
/// Every rule ConfLint knows, by category. Each category folder keeps its own list (e.g.
/// <see cref="Apache.ApacheRules"/>); this class only joins them.
/// </summary>
public static class RuleCatalog
{
    private static readonly Lazy<IReadOnlyList<IRule>> _all = new(() =>
        Input.InputRules.All
            .Concat(Apache.ApacheRules.All)
            .Concat(Handlers.HandlerRules.All)
            .Concat(Chroot.ChrootRules.All)
            .Concat(PhpIni.PhpIniRules.All)
            .Concat(Rewrite.RewriteRules.All)
            .Concat(Wrapper.WrapperRules.All)
            .Concat(Jail.JailRules.All)
            .OrderBy(r => r.Descriptor.Id, StringComparer.Ordinal)
            .ToList());

    public static IReadOnlyList<IRule> All => _all.Value;

    public static IEnumerable<DiagnosticDescriptor> Descriptors => All.Select(r => r.Descriptor);

    public static DiagnosticDescriptor? Find(string id) =>
        All.FirstOrDefault(r => string.Equals(r.Descriptor.Id, id, StringComparison.OrdinalIgnoreCase))?.Descriptor;

    /// <summary>The analyzers of inputs of type <typeparamref name="T"/>, in ID order.</summary>
    public static IReadOnlyList<Analyzer<T>> AnalyzersFor<T>() where T : class => AnalyzersOf<T>.List;

    // Worked out once per input type: a host has thousands of inputs, and picking the analyzers out of every rule by type
    // for each of them was a visible part of the analysis.
    private static class AnalyzersOf<T> where T : class
    {
        public static readonly Analyzer<T>[] List = All.OfType<Analyzer<T>>().ToArray();
    }
}
