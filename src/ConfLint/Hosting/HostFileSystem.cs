using ConfLint.Analyzers.Input;
using ConfLint.Diagnostics;
using ConfLint.Text;

namespace ConfLint.Hosting;

/// <summary>
/// The files of the host being linted. With a root other than "/", every absolute path the
/// configuration names is read under that root (a sysroot): `/etc/apache2/x.conf` is
/// `ROOT/etc/apache2/x.conf`, and an absolute symlink target is re-rooted inside ROOT, so a host
/// image or a test tree can be linted without being that host. Paths given to and returned by
/// this class are host paths unless a name says "Real".
/// </summary>
public sealed class HostFileSystem
{
    private const int MaxSymlinkHops = 40;

    public HostFileSystem(string root = "/")
    {
        Root = Path.GetFullPath(string.IsNullOrEmpty(root) ? "/" : root);
        if (Root.Length > 1) Root = Root.TrimEnd('/');
    }

    /// <summary>The real directory that stands for the host's "/".</summary>
    public string Root { get; }

    public bool IsSysroot => Root != "/";

    /// <summary>Normalises a host path: absolute, `.` and `..` folded (never above "/"), no trailing slash.</summary>
    public static string NormalizeHostPath(string hostPath)
    {
        if (IsNormalized(hostPath)) return hostPath;
        var parts = new List<string>();
        foreach (var part in hostPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); continue; }
            parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }

    /// <summary>Whether two paths name the same place lexically: trailing slashes, "." and ".." do not matter.</summary>
    public static bool SamePath(string a, string b) => NormalizeHostPath(a) == NormalizeHostPath(b);

    // Most paths are already normal: absolute, no empty, "." or ".." component, no trailing slash.
    private static bool IsNormalized(string path)
    {
        if (path.Length == 0 || path[0] != '/') return false;
        if (path.Length == 1) return true;
        if (path[^1] == '/') return false;
        for (int i = 0; i < path.Length - 1; i++)
        {
            if (path[i] != '/') continue;
            char next = path[i + 1];
            if (next == '/') return false;
            if (next == '.' && (i + 2 == path.Length || path[i + 2] == '/' || (path[i + 2] == '.' && (i + 3 == path.Length || path[i + 3] == '/')))) return false;
        }
        return true;
    }

    /// <summary>
    /// The real path of a host path, with every symlink on the way resolved inside the root
    /// (absolute targets re-rooted, `..` clamped at the root). Missing components are kept as is.
    /// </summary>
    public string ToRealPath(string hostPath) => Join(Root, ResolveHostPath(hostPath));

    /// <summary>The host path with symlinks resolved as the host would resolve them.</summary>
    public string ResolveHostPath(string hostPath) => Resolve(NormalizeHostPath(hostPath), 0);

    // Resolved host paths, memoised: a host is read many times along the same directories.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _resolved = new(StringComparer.Ordinal);

    // Resolves a normalised host path: its parent first (memoised), then the last component's symlink,
    // whose target is resolved again (absolute targets from the root, relative ones from the parent).
    private string Resolve(string normalized, int hops)
    {
        if (normalized == "/") return "/";
        if (_resolved.TryGetValue(normalized, out var known)) return known;
        int slash = normalized.LastIndexOf('/');
        var parent = Resolve(slash <= 0 ? "/" : normalized[..slash], hops);
        var name = normalized[(slash + 1)..];
        var candidate = parent == "/" ? "/" + name : parent + "/" + name;
        var target = LinkTargetOf(Join(Root, candidate));
        string result;
        if (target is null || hops >= MaxSymlinkHops) result = candidate;
        else result = Resolve(NormalizeHostPath(target.StartsWith('/') ? target : parent + "/" + target), hops + 1);
        if (hops == 0) _resolved[normalized] = result;
        return result;
    }

    // A run reads a host that does not change under it: each path's symlink status is looked up once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> _linkTargets = new(StringComparer.Ordinal);

    // readlink(2) alone answers both questions: not a link (or missing) → null.
    private string? LinkTargetOf(string realPath) => _linkTargets.GetOrAdd(realPath, static path => Mono.Unix.UnixPath.TryReadLink(path));

    /// <summary>The host path of a real path under the root, or null when it lies outside.</summary>
    public string? ToHostPath(string realPath)
    {
        var full = Path.GetFullPath(realPath);
        if (Root == "/") return full;
        if (full == Root) return "/";
        return full.StartsWith(Root + "/", StringComparison.Ordinal) ? full[Root.Length..] : null;
    }

    private static string Join(string root, string hostPath) =>
        root == "/" ? hostPath : root + (hostPath == "/" ? "" : hostPath);

    public bool FileExists(string hostPath) => File.Exists(ToRealPath(hostPath));

    public bool DirectoryExists(string hostPath) => Directory.Exists(ToRealPath(hostPath));

    public bool Exists(string hostPath) => FileExists(hostPath) || DirectoryExists(hostPath);

    /// <summary>Names in a host directory, sorted as httpd sorts (byte order), or null when it cannot be read.</summary>
    public IReadOnlyList<string>? ListDirectory(string hostPath)
    {
        try
        {
            var real = ToRealPath(hostPath);
            return Directory.EnumerateFileSystemEntries(real)
                .Select(Path.GetFileName)
                .OfType<string>()
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads a host file as text. On failure returns null and reports CL0001 (cannot read) or
    /// CL0002 (binary, or a line longer than <paramref name="maxLineLength"/>) at <paramref name="reportAt"/>
    /// (the line that named the file) or at the file itself.
    /// </summary>
    public SourceText? ReadText(string hostPath, DiagnosticBag diagnostics, Location? reportAt = null, int maxLineLength = ApacheLineLimits.MainConfig)
    {
        var real = ToRealPath(hostPath);
        var fileLocation = reportAt ?? Location.ForFile(real, hostPath);
        var displayPath = IsSysroot ? $"{hostPath} ({real})" : hostPath;
        byte[] bytes;
        try
        {
            if (Directory.Exists(real))
            {
                diagnostics.Report(CL0001InputMustBeReadable.Rule, fileLocation, displayPath, "is a directory, a file is needed");
                return null;
            }
            bytes = File.ReadAllBytes(real);
        }
        catch (FileNotFoundException) { diagnostics.Report(CL0001InputMustBeReadable.Rule, fileLocation, displayPath, "no such file"); return null; }
        catch (DirectoryNotFoundException) { diagnostics.Report(CL0001InputMustBeReadable.Rule, fileLocation, displayPath, "no such file or directory"); return null; }
        catch (UnauthorizedAccessException) { diagnostics.Report(CL0001InputMustBeReadable.Rule, fileLocation, displayPath, "permission denied"); return null; }
        catch (IOException e) { diagnostics.Report(CL0001InputMustBeReadable.Rule, fileLocation, displayPath, e.Message); return null; }

        var text = SourceText.From(bytes, real, hostPath);
        if (text.HasNulByte)
        {
            int nul = text.Text.IndexOf('\0');
            var at = nul >= 0 ? text.GetLocation(new TextSpan(nul, 1)) : Location.ForFile(real, hostPath);
            diagnostics.Report(CL0002InputMustBeText.Rule, at, $"'{hostPath}' holds NUL bytes: it is binary, not a configuration file");
            return null;
        }
        for (int line = 1; line <= text.LineCount; line++)
        {
            var span = text.GetLineSpan(line);
            if (span.Length > maxLineLength)
            {
                diagnostics.Report(CL0002InputMustBeText.Rule, text.GetLocation(new TextSpan(span.Start + maxLineLength, span.Length - maxLineLength)),
                    $"line {line} of '{hostPath}' is {span.Length} characters long; the engine reads at most {maxLineLength}");
                return null;
            }
        }
        return text;
    }
}

/// <summary>httpd's limits on one configuration line (util.c: MAX_STRING_LEN for the main config, HUGE_STRING_LEN for .htaccess).</summary>
public static class ApacheLineLimits
{
    public const int MainConfig = 16 * 1024 * 1024;
    public const int Htaccess = 8192;
}
