namespace ConfLint.Text;

/// <summary>
/// Where something is: the file as read on this machine, the span, and 1-based start and end
/// line/column (the end column is exclusive, as in SARIF). HostPath is the path the configured
/// host itself uses for the file (differs from Path under --root).
/// </summary>
public sealed record Location(string Path, TextSpan Span, int Line, int Column, int EndLine, int EndColumn, string HostPath)
{
    /// <summary>A location for a file as a whole (no line known, e.g. a file that cannot be read).</summary>
    public static Location ForFile(string path, string? hostPath = null) =>
        new(path, default, 1, 1, 1, 1, hostPath ?? path);

    public override string ToString() => $"{Path}:{Line}:{Column}";
}
