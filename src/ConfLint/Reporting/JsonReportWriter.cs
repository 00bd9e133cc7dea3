using System.Text.Json;
using System.Text.Json.Serialization;
using ConfLint.Diagnostics;

namespace ConfLint.Reporting;

/// <summary>One finding in the JSON report.</summary>
public sealed record JsonDiagnostic(
    string RuleId,
    string Severity,
    string Message,
    string File,
    int Line,
    int Column,
    int EndLine,
    int EndColumn,
    IReadOnlyList<JsonIncludeEntry> IncludeChain,
    IReadOnlyList<JsonRelatedEntry> Related);

/// <summary>An Include line that brought the file in (innermost first).</summary>
public sealed record JsonIncludeEntry(string File, int Line);

/// <summary>A fact elsewhere that the finding depends on.</summary>
public sealed record JsonRelatedEntry(string File, int Line, int Column, string Message);

/// <summary>Serialization metadata generated at compile time: no reflection, safe under trimming and AOT.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(List<JsonDiagnostic>))]
public sealed partial class JsonReportContext : JsonSerializerContext;

/// <summary>
/// The machine-readable report: a JSON array of findings with paths relative to the base
/// directory, 1-based lines and columns (UTF-16 code units, end column exclusive).
/// </summary>
public static class JsonReportWriter
{
    private static readonly JsonReportContext Json = new(ReportJson.Relaxed(JsonReportContext.Default.Options));

    public static List<JsonDiagnostic> ToModel(LintReport report) => report.Diagnostics.Select(d => new JsonDiagnostic(
        d.Id,
        d.Severity.ToName(),
        d.Message,
        report.DisplayPath(d.Location.Path),
        d.Location.Line,
        d.Location.Column,
        d.Location.EndLine,
        d.Location.EndColumn,
        d.IncludeChain.Select(l => new JsonIncludeEntry(report.DisplayPath(l.Path), l.Line)).ToList(),
        d.Related.Select(r => new JsonRelatedEntry(report.DisplayPath(r.Location.Path), r.Location.Line, r.Location.Column, r.Message)).ToList()))
        .ToList();

    public static void Write(TextWriter writer, LintReport report)
    {
        writer.Write(JsonSerializer.Serialize(ToModel(report), Json.ListJsonDiagnostic));
        writer.WriteLine();
    }
}
