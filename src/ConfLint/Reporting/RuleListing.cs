using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ConfLint.Analyzers;
using ConfLint.Diagnostics;

namespace ConfLint.Reporting;

/// <summary>One rule in `conflint rules --format json`.</summary>
public sealed record JsonRuleEntry(
    string Id,
    string Severity,
    string Category,
    string Title,
    string Description,
    IReadOnlyList<string> Tags,
    string? SecuritySeverity,
    string HelpUri);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(List<JsonRuleEntry>))]
public sealed partial class RuleListJsonContext : JsonSerializerContext;

/// <summary>`conflint rules` (the catalogue as a table or JSON) and `conflint explain` (a rule's doc as text).</summary>
public static class RuleListing
{
    private static readonly string[] Headers = { "ID", "SEVERITY", "CATEGORY", "TITLE" };

    private static readonly RuleListJsonContext Json = new(ReportJson.Relaxed(RuleListJsonContext.Default.Options));

    public static void Write(bool json, TextWriter writer)
    {
        if (json) WriteJson(writer);
        else WriteTable(writer);
    }

    /// <summary>ID, severity, category and title in aligned columns, under a header line.</summary>
    public static void WriteTable(TextWriter writer, IEnumerable<DiagnosticDescriptor>? rules = null)
    {
        var rows = (rules ?? RuleCatalog.Descriptors)
            .Select(d => new[] { d.Id, d.DefaultSeverity.ToName(), d.Category, d.Title })
            .ToList();
        var widths = Enumerable.Range(0, Headers.Length - 1)
            .Select(c => rows.Select(r => r[c].Length).Append(Headers[c].Length).Max())
            .ToArray();
        foreach (var row in rows.Prepend(Headers))
        {
            for (int c = 0; c < widths.Length; c++) writer.Write(row[c].PadRight(widths[c] + 2));
            writer.WriteLine(row[^1]);
        }
    }

    public static List<JsonRuleEntry> ToModel(IEnumerable<DiagnosticDescriptor>? rules = null) =>
        (rules ?? RuleCatalog.Descriptors).Select(d => new JsonRuleEntry(
            d.Id,
            d.DefaultSeverity.ToName(),
            d.Category,
            d.Title,
            d.Description,
            d.Tags,
            d.SecuritySeverity?.ToString("0.0", CultureInfo.InvariantCulture),
            d.HelpUri)).ToList();

    public static void WriteJson(TextWriter writer, IEnumerable<DiagnosticDescriptor>? rules = null)
    {
        writer.Write(JsonSerializer.Serialize(ToModel(rules), Json.ListJsonRuleEntry));
        writer.WriteLine();
    }

    /// <summary>
    /// Writes the rule's doc as text (its description when it has no doc) and its URL; false, with
    /// nothing written, when no rule has that ID.
    /// </summary>
    public static bool Explain(string id, TextWriter writer, RuleDocLibrary? docs = null)
    {
        var descriptor = RuleCatalog.Find(id.Trim());
        if (descriptor is null) return false;
        var markdown = (docs ?? RuleDocLibrary.Embedded).Markdown(descriptor.Id);
        if (markdown is not null)
        {
            writer.Write(MarkdownText.Render(markdown));
        }
        else
        {
            var title = $"{descriptor.Id}: {descriptor.Title}";
            writer.WriteLine(title);
            writer.WriteLine(new string('=', title.Length));
            writer.WriteLine();
            writer.WriteLine($"Severity: {descriptor.DefaultSeverity.ToName()} · Category: {descriptor.Category}");
            writer.WriteLine();
            writer.WriteLine(descriptor.Description);
        }
        writer.WriteLine();
        writer.WriteLine("More: " + descriptor.HelpUri);
        return true;
    }
}
