using System.Collections.Immutable;
using ConfLint.Text;

namespace ConfLint.Diagnostics;

/// <summary>Why a related location is attached to a diagnostic.</summary>
public enum RelatedKind
{
    /// <summary>An Include/IncludeOptional line that brought the file in (innermost first).</summary>
    IncludedFrom,

    /// <summary>A fact in another file (or elsewhere in this one) that the finding depends on.</summary>
    Fact,
}

public sealed record RelatedLocation(Location Location, string Message, RelatedKind Kind);

/// <summary>
/// One finding: a descriptor, the exact location that is wrong, its message, the include chain that
/// led to the file, and the cross-file facts it depends on.
/// </summary>
public sealed record Diagnostic(
    DiagnosticDescriptor Descriptor,
    Severity Severity,
    Location Location,
    string Message,
    ImmutableArray<Location> IncludeChain,
    ImmutableArray<RelatedLocation> Related)
{
    public string Id => Descriptor.Id;

    /// <summary>
    /// Position of the finding in the engine's own processing order (e.g. httpd's read order),
    /// used to tell which error the engine would report first; null when not meaningful.
    /// </summary>
    public long? EngineOrder { get; init; }

    public static Diagnostic Create(DiagnosticDescriptor descriptor, Location location, params object?[] args) =>
        new(descriptor, descriptor.DefaultSeverity, location, descriptor.FormatMessage(args),
            ImmutableArray<Location>.Empty, ImmutableArray<RelatedLocation>.Empty);

    public Diagnostic WithIncludeChain(IEnumerable<Location> chain) => this with { IncludeChain = chain.ToImmutableArray() };

    public Diagnostic WithRelated(Location location, string message) =>
        this with { Related = Related.Add(new RelatedLocation(location, message, RelatedKind.Fact)) };

    /// <summary>All related locations, include chain first, in the order reports show them.</summary>
    public IEnumerable<RelatedLocation> AllRelated =>
        IncludeChain.Select(l => new RelatedLocation(l, "included from here", RelatedKind.IncludedFrom)).Concat(Related);

    public override string ToString() => $"{Location.Path}:{Location.Line}:{Location.Column}: {Severity.ToName()} {Id}: {Message}";
}
