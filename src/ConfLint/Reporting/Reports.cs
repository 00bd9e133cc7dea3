using ConfLint.Hosting;

namespace ConfLint.Reporting;

/// <summary>Writes a run's findings in the format the admin asked for.</summary>
public static class Reports
{
    /// <summary>Colour for text output: "always", "never", or "auto" (a terminal, and NO_COLOR unset or empty).</summary>
    public static bool ShouldUseColor(string mode, bool outputRedirected) => mode switch
    {
        "always" => true,
        "never" => false,
        _ => !outputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
    };

    public static void Write(string format, LintResult result, TextWriter writer, string baseDirectory, bool color)
    {
        foreach (var d in result.Diagnostics) writer.WriteLine(d.ToString());
    }
}
