using System.Globalization;
using System.Text;
using ConfLint.Diagnostics;
using ConfLint.Text;

namespace ConfLint.Reporting;

/// <summary>Settings of the text report.</summary>
public sealed record TextReportOptions
{
    public static TextReportOptions Default { get; } = new();

    /// <summary>Write ANSI colour; decide with <see cref="ColorChoice.ShouldColor"/>.</summary>
    public bool Color { get; init; }

    /// <summary>Quote the flagged source line with a caret underline.</summary>
    public bool ShowSource { get; init; } = true;

    /// <summary>Write the closing "N errors, N warnings, N infos in N files" line.</summary>
    public bool ShowSummary { get; init; } = true;
}

/// <summary>
/// The report a person reads, laid out like gcc/clang:
/// <code>
/// etc/apache2/apache2.conf:2:1: error: close tag &lt;/IfModole&gt; does not match &lt;IfModule&gt; [CL1002]
///     2 | &lt;/IfModole&gt;
///       | ^~~~~~~~~~~
///   included from etc/apache2/sites-enabled/a.conf:12
///   note: etc/passwd:3:1: user 'web1' is defined here
///
/// 1 error, 0 warnings, 0 infos in 2 files
/// </code>
/// The underline covers the span on its first line (to the end of that line for a multi-line
/// span). The include chain is listed innermost first; related facts follow as notes.
/// </summary>
public static class TextReportWriter
{
    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string BoldRed = "\u001b[1;31m";
    private const string BoldMagenta = "\u001b[1;35m";
    private const string BoldBlue = "\u001b[1;34m";
    private const string BoldCyan = "\u001b[1;36m";
    private const string BoldGreen = "\u001b[1;32m";

    public static void Write(TextWriter writer, LintReport report, TextReportOptions? options = null)
    {
        options ??= TextReportOptions.Default;
        var paint = new Painter(options.Color);
        foreach (var diagnostic in report.Diagnostics)
            WriteDiagnostic(writer, report, diagnostic, options, paint);
        if (options.ShowSummary)
        {
            if (report.Diagnostics.Count > 0) writer.WriteLine();
            writer.WriteLine(paint.Apply(Bold, Summary(report)));
        }
    }

    public static string ToText(LintReport report, TextReportOptions? options = null)
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(sw, report, options);
        return sw.ToString();
    }

    private static void WriteDiagnostic(TextWriter writer, LintReport report, Diagnostic d, TextReportOptions options, Painter paint)
    {
        var (label, colour) = d.Severity switch
        {
            Severity.Error => ("error", BoldRed),
            Severity.Warning => ("warning", BoldMagenta),
            _ => ("info", BoldBlue),
        };
        writer.Write(paint.Apply(Bold, Position(report, d.Location) + ":"));
        writer.Write(' ');
        writer.Write(paint.Apply(colour, label + ":"));
        writer.Write(' ');
        writer.Write(paint.Apply(Bold, Printable(d.Message)));
        writer.Write(" [");
        writer.Write(d.Id);
        writer.WriteLine("]");

        if (options.ShowSource && report.LineText(d.Location) is { } lineText)
        {
            var rendered = SourceLineRenderer.Render(lineText);
            int endColumn = d.Location.EndLine > d.Location.Line ? lineText.Length + 1 : d.Location.EndColumn;
            var number = d.Location.Line.ToString(CultureInfo.InvariantCulture);
            var gutter = new string(' ', Math.Max(5, number.Length + 1));
            writer.Write(number.PadLeft(gutter.Length));
            writer.Write(" | ");
            writer.WriteLine(rendered.Display);
            writer.Write(gutter);
            writer.Write(" | ");
            writer.WriteLine(paint.Apply(BoldGreen, SourceLineRenderer.Underline(rendered, d.Location.Column, endColumn)));
        }

        foreach (var include in d.IncludeChain)
            writer.WriteLine("  included from " + report.DisplayPath(include.Path) + ":" + include.Line.ToString(CultureInfo.InvariantCulture));
        foreach (var related in d.Related)
            writer.WriteLine("  " + paint.Apply(BoldCyan, "note:") + " " + Position(report, related.Location) + ": " + Printable(related.Message));
    }

    private static string Position(LintReport report, Location location) =>
        string.Create(CultureInfo.InvariantCulture, $"{report.DisplayPath(location.Path)}:{location.Line}:{location.Column}");

    /// <summary>"3 errors, 1 warning, 0 infos in 12 files".</summary>
    public static string Summary(LintReport report)
    {
        int errors = report.Diagnostics.Count(d => d.Severity == Severity.Error);
        int warnings = report.Diagnostics.Count(d => d.Severity == Severity.Warning);
        int infos = report.Diagnostics.Count(d => d.Severity == Severity.Info);
        return $"{Count(errors, "error")}, {Count(warnings, "warning")}, {Count(infos, "info")} in {Count(report.FilesChecked, "file")}";
    }

    private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : noun + "s");

    // Messages quote configuration text; a control character there must not reach the terminal.
    private static string Printable(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var c in text) sb.Append(char.IsControl(c) ? '\uFFFD' : c);
        return sb.ToString();
    }

    private readonly record struct Painter(bool Enabled)
    {
        public string Apply(string code, string text) => Enabled ? code + text + Reset : text;
    }
}
