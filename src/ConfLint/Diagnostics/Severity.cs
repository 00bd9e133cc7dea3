namespace ConfLint.Diagnostics;

/// <summary>Severity of a finding; ordered so that Error &gt; Warning &gt; Info.</summary>
public enum Severity
{
    Info = 0,
    Warning = 1,
    Error = 2,
}

public static class SeverityNames
{
    public static string ToName(this Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    /// <summary>SARIF result/rule level.</summary>
    public static string ToSarifLevel(this Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };
}
