using System.Collections.Immutable;
using ConfLint.Analyzers.Input;
using ConfLint.Diagnostics;
using ConfLint.Reporting;
using ConfLint.Text;

namespace ConfLint.Tests.Reporting;

/// <summary>Builds reports over in-memory texts under a fictitious base directory (nothing touches the disk).</summary>
public sealed class ReportFixture
{
    public const string Base = "/srv/host";

    private readonly Dictionary<string, SourceText> _sources = new(StringComparer.Ordinal);
    private readonly List<Diagnostic> _diagnostics = new();

    public SourceText AddFile(string relativePath, string text)
    {
        var path = Base + "/" + relativePath;
        var source = SourceText.From(text, path, "/" + relativePath);
        _sources[path] = source;
        return source;
    }

    /// <summary>Location of the first occurrence of <paramref name="needle"/> in a file.</summary>
    public static Location At(SourceText text, string needle, int occurrence = 1)
    {
        int index = -1;
        for (int i = 0; i < occurrence; i++) index = text.Text.IndexOf(needle, index + 1, StringComparison.Ordinal);
        if (index < 0) throw new ArgumentException($"'{needle}' not found");
        return text.GetLocation(new TextSpan(index, needle.Length));
    }

    public Diagnostic Add(DiagnosticDescriptor descriptor, Location location, string message,
        IEnumerable<Location>? includeChain = null, IEnumerable<(Location, string)>? related = null)
    {
        var d = new Diagnostic(descriptor, descriptor.DefaultSeverity, location, message,
            (includeChain ?? Array.Empty<Location>()).ToImmutableArray(), ImmutableArray<RelatedLocation>.Empty);
        foreach (var (l, m) in related ?? Array.Empty<(Location, string)>()) d = d.WithRelated(l, m);
        _diagnostics.Add(d);
        return d;
    }

    public LintReport Report(IReadOnlyList<DiagnosticDescriptor>? rules = null) =>
        new(_diagnostics.ToList(), rules ?? ConfLint.Analyzers.RuleCatalog.Descriptors.ToList(), _sources, Base);

    /// <summary>A security rule of the shape the catalogue's CL2007/CL3001 have (9.0).</summary>
    public static readonly DiagnosticDescriptor SecurityRule = DiagnosticDescriptor.Create(
        "CL3001", "Suexec user has no jail in its home", "user '{0}' has no /./ in its home", "Chroot",
        Severity.Error, "The wrapper cannot find a jail: this site is not chrooted.", "chroot suexec", 9.0);

    public static DiagnosticDescriptor Readable => CL0001InputMustBeReadable.Rule;
    public static DiagnosticDescriptor NotText => CL0002InputMustBeText.Rule;
    public static DiagnosticDescriptor Suppression => CL0003SuppressionMustBeValid.Rule;
    public static DiagnosticDescriptor MissingFact => CL0004CheckNeedsMissingFact.Rule;
}
