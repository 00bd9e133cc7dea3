using System.Text;

namespace ConfLint.Reporting;

/// <summary>Paths and URIs as reports write them.</summary>
public static class ReportPaths
{
    /// <summary>
    /// The path of <paramref name="path"/> relative to <paramref name="baseDirectory"/>, with
    /// forward slashes, or null when the path is not under the base directory (or is not rooted
    /// like a file path, e.g. "&lt;input&gt;").
    /// </summary>
    public static string? Relative(string baseDirectory, string path)
    {
        if (!Path.IsPathRooted(path)) return path.Replace('\\', '/');
        var full = Path.GetFullPath(path);
        var rel = Path.GetRelativePath(baseDirectory, full);
        if (rel == "." || rel == ".." || rel.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(rel)) return null;
        return rel.Replace('\\', '/');
    }

    /// <summary>
    /// A relative URI reference for a relative path: each segment percent-encoded (RFC 3986
    /// unreserved characters are kept, everything else, including non-ASCII as UTF-8, is encoded).
    /// </summary>
    public static string ToRelativeUri(string relativePath) =>
        string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString));

    /// <summary>A file:// URI for an absolute path; a directory gets a trailing slash (SARIF's uriBaseId rule).</summary>
    public static string ToFileUri(string absolutePath, bool isDirectory = false)
    {
        var full = Path.GetFullPath(absolutePath).Replace('\\', '/');
        var sb = new StringBuilder("file://");
        if (!full.StartsWith('/')) sb.Append('/');
        sb.Append(string.Join('/', full.Split('/').Select(Uri.EscapeDataString)));
        if (isDirectory && sb[^1] != '/') sb.Append('/');
        return sb.ToString();
    }
}
