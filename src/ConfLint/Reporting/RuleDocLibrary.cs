using System.Collections.Concurrent;
using System.Reflection;

namespace ConfLint.Reporting;

/// <summary>
/// The rule docs a report or `conflint explain` shows. <see cref="Embedded"/> holds the
/// rules/*.md files compiled into the ConfLint assembly (resources named `rules/CLnnnn.md`), so
/// an installed binary explains every rule without the source tree; <see cref="FromDirectory"/>
/// reads a rules/ directory instead (a checkout with edited docs).
/// </summary>
public sealed class RuleDocLibrary
{
    private const string ResourcePrefix = "rules/";

    private readonly Func<string, string?> _load;
    private readonly ConcurrentDictionary<string, RuleDoc?> _cache = new(StringComparer.OrdinalIgnoreCase);

    private RuleDocLibrary(Func<string, string?> load) => _load = load;

    private static readonly Lazy<RuleDocLibrary> _embedded = new(() => new RuleDocLibrary(LoadEmbedded));

    public static RuleDocLibrary Embedded => _embedded.Value;

    /// <summary>Docs read from a directory holding CLnnnn.md files.</summary>
    public static RuleDocLibrary FromDirectory(string directory) => new(id =>
    {
        var path = Path.Combine(directory, id + ".md");
        return File.Exists(path) ? File.ReadAllText(path) : null;
    });

    /// <summary>A library with no docs (reports fall back to each descriptor's description).</summary>
    public static RuleDocLibrary None { get; } = new(_ => null);

    /// <summary>The raw markdown of a rule's doc, or null when there is none.</summary>
    public string? Markdown(string ruleId) => Find(ruleId)?.Markdown;

    /// <summary>The parsed doc of a rule, or null when there is none.</summary>
    public RuleDoc? Find(string ruleId) =>
        _cache.GetOrAdd(ruleId.ToUpperInvariant(), id => _load(id) is { } text ? RuleDocParser.Parse(text) : null);

    private static string? LoadEmbedded(string id)
    {
        using var stream = typeof(RuleDocLibrary).Assembly.GetManifestResourceStream(ResourcePrefix + id + ".md");
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>IDs of the docs compiled into the assembly.</summary>
    public static IReadOnlyList<string> EmbeddedIds() => typeof(RuleDocLibrary).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^3])
        .Order(StringComparer.Ordinal)
        .ToList();
}
