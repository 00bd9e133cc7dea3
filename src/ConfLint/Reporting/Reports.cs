using ConfLint.Hosting;

namespace ConfLint.Reporting;

/// <summary>Writes a run's findings in the format the admin asked for (the `lint` command's report).</summary>
public static class Reports
{
    /// <summary>Colour for text output: "always", "never", or "auto" (a terminal, and NO_COLOR unset or empty).</summary>
    public static bool ShouldUseColor(string mode, bool outputRedirected) => ColorChoice.ShouldColor(
        ColorChoice.Parse(mode) ?? ColorMode.Auto,
        !outputRedirected,
        Environment.GetEnvironmentVariable("NO_COLOR"),
        Environment.GetEnvironmentVariable("TERM"));

    /// <summary>
    /// Writes text, json or sarif. Paths are relative to <paramref name="baseDirectory"/> (SARIF's
    /// SRCROOT); source lines come from the texts the run read.
    /// </summary>
    public static void Write(string format, LintResult result, TextWriter writer, string baseDirectory, bool color) =>
        Write(ReportFormats.Parse(format) ?? ReportFormat.Text,
            LintReport.Create(result.Diagnostics, result.Compilation.Sources, baseDirectory), writer, color);

    /// <summary>Writes a report; SARIF help comes from <paramref name="docs"/> (default: the docs compiled into ConfLint).</summary>
    public static void Write(ReportFormat format, LintReport report, TextWriter writer, bool color, RuleDocLibrary? docs = null)
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
                TextReportWriter.Write(writer, report, new TextReportOptions { Color = color });
                break;
        }
    }
}
