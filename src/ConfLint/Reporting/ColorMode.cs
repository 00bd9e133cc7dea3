namespace ConfLint.Reporting;

/// <summary>The `--color` switch: auto (colour on a terminal unless NO_COLOR is set), always, never.</summary>
public enum ColorMode
{
    Auto,
    Always,
    Never,
}

public static class ColorChoice
{
    /// <summary>
    /// Whether to write ANSI colour. An explicit always/never wins (no-color.org: per-instance
    /// command-line arguments override NO_COLOR). Auto colours only a terminal, and not when
    /// NO_COLOR holds any non-empty value or TERM is "dumb".
    /// </summary>
    public static bool ShouldColor(ColorMode mode, bool outputIsTerminal, string? noColor, string? term = null) => mode switch
    {
        ColorMode.Always => true,
        ColorMode.Never => false,
        _ => outputIsTerminal && string.IsNullOrEmpty(noColor) && !string.Equals(term, "dumb", StringComparison.Ordinal),
    };

    /// <summary>Parses auto/always/never (case-insensitive); null for anything else.</summary>
    public static ColorMode? Parse(string value) => value.ToLowerInvariant() switch
    {
        "auto" => ColorMode.Auto,
        "always" => ColorMode.Always,
        "never" => ColorMode.Never,
        _ => null,
    };
}
