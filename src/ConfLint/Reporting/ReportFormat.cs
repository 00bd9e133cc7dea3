namespace ConfLint.Reporting;

/// <summary>The `--format` of a lint run's report.</summary>
public enum ReportFormat
{
    Text,
    Json,
    Sarif,
}

/// <summary>One entry point for the CLI: writes a run's report in the chosen format.</summary>
public static class ReportWriter
{
    /// <summary>Parses text/json/sarif (case-insensitive); null for anything else.</summary>
    public static ReportFormat? ParseFormat(string value) => value.ToLowerInvariant() switch
    {
        "text" => ReportFormat.Text,
        "json" => ReportFormat.Json,
        "sarif" => ReportFormat.Sarif,
        _ => null,
    };

    /// <summary>
    /// Writes the report. <paramref name="color"/> applies to text only and is resolved against
    /// <paramref name="writerIsConsole"/> (colour needs a terminal) and NO_COLOR; SARIF help comes
    /// from <paramref name="docs"/> (default: the docs compiled into ConfLint).
    /// </summary>
    public static void Write(TextWriter writer, LintReport report, ReportFormat format,
        ColorMode color = ColorMode.Auto, bool writerIsConsole = false, RuleDocLibrary? docs = null)
    {
        switch (format)
        {
            case ReportFormat.Json:
                JsonReportWriter.Write(writer, report);
                break;
            case ReportFormat.Sarif:
                SarifReportWriter.Write(writer, report, docs);
                break;
            default:
                bool useColor = writerIsConsole
                    ? ColorChoice.ShouldColorConsole(color)
                    : ColorChoice.ShouldColor(color, outputIsTerminal: false, Environment.GetEnvironmentVariable("NO_COLOR"));
                TextReportWriter.Write(writer, report, new TextReportOptions { Color = useColor });
                break;
        }
    }
}
