namespace ConfLint.Reporting;

/// <summary>The `--format` of a lint run's report.</summary>
public enum ReportFormat
{
    Text,
    Json,
    Sarif,
}

public static class ReportFormats
{
    /// <summary>Parses text/json/sarif (case-insensitive); null for anything else.</summary>
    public static ReportFormat? Parse(string value) => value.ToLowerInvariant() switch
    {
        "text" => ReportFormat.Text,
        "json" => ReportFormat.Json,
        "sarif" => ReportFormat.Sarif,
        _ => null,
    };
}
