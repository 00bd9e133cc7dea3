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
        RootResolved = new Resolved("/", Jail.PosixFiles.Stat(Root, default, out var status) ? status.Type : 0);
    }

    /// <summary>The real directory that stands for the host's "/".</summary>
    public string Root { get; }

    public bool IsSysroot => Root != "/";

    // What a resolved host path is prefixed with to be a real path ("" when the root is "/").
    private string RealPrefix => IsSysroot ? Root : "";

    /// <summary>Normalises a host path: absolute, `.` and `..` folded (never above "/"), no trailing slash.</summary>
    public static string NormalizeHostPath(string hostPath) =>
        IsNormalized(hostPath) ? hostPath : Normalize(hostPath, default);

    /// <summary>Normalises <paramref name="directory"/> + "/" + <paramref name="path"/> (as <see cref="NormalizeHostPath(string)"/>) without building the joined text first.</summary>
    public static string NormalizeHostPath(string directory, string path) => Normalize(directory, path);

    // Folds the components of `first` then `second` (as if joined by a slash) into one absolute path. The
    // output is never longer than the input plus a leading slash, so one buffer of that size holds it.
    private static string Normalize(ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        int capacity = first.Length + second.Length + 2;
        char[]? rented = null;
        Span<char> buffer = capacity <= 512 ? stackalloc char[512] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(capacity));
        int length = Append(buffer, 0, first);
        length = Append(buffer, length, second);
        var result = length == 0 ? "/" : new string(buffer[..length]);
        if (rented is not null) System.Buffers.ArrayPool<char>.Shared.Return(rented);
        return result;
    }

    // Appends each component of `path` as "/name" to buffer[..length]: empty ones and "." skipped, ".." drops the last one.
    private static int Append(Span<char> buffer, int length, ReadOnlySpan<char> path)
    {
        foreach (var range in path.Split('/'))
        {
            var part = path[range];
            if (part.Length == 0 || part is ".") continue;
            if (part is "..")
            {
                length = Math.Max(0, buffer[..length].LastIndexOf('/'));
                continue;
            }
            buffer[length++] = '/';
            part.CopyTo(buffer[length..]);
            length += part.Length;
        }
        return length;
    }

    /// <summary>Whether two paths name the same place lexically: trailing slashes, "." and ".." do not matter.</summary>
    public static bool SamePath(string a, string b) => NormalizeHostPath(a) == NormalizeHostPath(b);

    // Most paths are already normal: absolute, no empty, "." or ".." component, no trailing slash.
    internal static bool IsNormalized(string path)
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

    /// <summary>
    /// The real path of the entry a host path names, as lstat(2) sees it: the directories on the
    /// way are resolved inside the root, the last component is not followed.
    /// </summary>
    public string ToRealPathOfEntry(string hostPath) => Join(Root, EntryPath(NormalizeHostPath(hostPath)));

    /// <summary>Whether the directories above a normalised host path resolve to themselves (no symlink on the way to it).</summary>
    internal bool EntryResolvesToItself(string normalized) => EntryPath(normalized) == normalized;

    // The host path of the entry a normalised path names, its directories resolved and itself not followed.
    private string EntryPath(string normalized)
    {
        if (normalized == "/") return "/";
        int slash = normalized.LastIndexOf('/');
        return Child(normalized, slash, ResolveMemoised(slash == 0 ? "/" : normalized.AsSpan(0, slash), 0).Path);
    }

    // The path of `normalized`'s last component inside `parent` (its parent directory, resolved): the
    // path itself when nothing on the way was a symlink, so the common case allocates nothing.
    private static string Child(string normalized, int slash, string parent)
    {
        bool unchanged = slash == 0 ? parent == "/" : normalized.AsSpan(0, slash).SequenceEqual(parent);
        if (unchanged) return normalized;
        var name = normalized.AsSpan(slash + 1);
        return parent == "/" ? string.Concat("/", name) : string.Concat(parent, "/", name);
    }

    /// <summary>
    /// Whether resolving a normalised host path crosses no symlink: what is found there, or the nearest thing above
    /// it when it is missing, is reached by the path as written. Then any root above it resolves the rest the same
    /// way, which lets a jail's paths be answered from the host's memo. (A symlink that led back to the same path
    /// would be a loop, which the resolution reports as a symlink.)
    /// </summary>
    public bool ResolvesToItself(string normalized)
    {
        var resolved = ResolveMemoised(normalized, 0, normalized);
        if (resolved.Path != normalized) return false;
        if (resolved.Type != 0) return resolved.Type != Jail.FileStatus.Symlink;
        for (int slash = normalized.LastIndexOf('/'); ; slash = normalized.LastIndexOf('/', slash - 1))
        {
            if (slash <= 0) return RootResolved.Type == Jail.FileStatus.Directory;
            var ancestor = ResolveMemoised(normalized.AsSpan(0, slash), 0);
            if (ancestor.Type == 0) continue;
            return ancestor.Type != Jail.FileStatus.Symlink && normalized.AsSpan(0, slash).SequenceEqual(ancestor.Path);
        }
    }

    /// <summary>
    /// Records that a normalised host path resolves to itself and what lstat(2) found there (S_IFMT bits), as a walk saw it,
    /// so that asking about it costs no call. The caller knows that no symlink lies on the way.
    /// </summary>
    internal void Remember(string normalizedHostPath, uint type)
    {
        if (_resolved.ContainsKey(normalizedHostPath)) return;
        Memoise(normalizedHostPath, new Resolved(normalizedHostPath, type));
    }

    /// <summary>The host path with symlinks resolved as the host would resolve them.</summary>
    public string ResolveHostPath(string hostPath)
    {
        var normalized = NormalizeHostPath(hostPath);
        return ResolveMemoised(normalized, 0, normalized).Path;
    }

    // A host path with its symlinks resolved, and the file type (S_IFMT bits) lstat(2) found at the end of it:
    // 0 when nothing is there, a symlink only when the hop limit stopped the resolution.
    private readonly record struct Resolved(string Path, uint Type);

    // Resolved paths, memoised: a host is read many times along the same directories, and a file is asked about
    // by several rules. The memo is bounded: a host of 10,000 jails has some 100,000 directories, each asked
    // about while its site is read and then rarely again, so it is emptied when full rather than kept whole.
    // Shared by the threads of a lint (the jail walks and the per-file rules run beside the main thread), so
    // concurrent: lookups take no lock. The count is kept apart because ConcurrentDictionary.Count locks.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Resolved> _resolved = new(StringComparer.Ordinal);
    private int _resolvedCount;
    private const int MaxMemoisedPaths = 65_536;

    // What the root itself is (a directory, unless the root given does not exist).
    private readonly Resolved RootResolved;

    // Resolves a normalised host path: its parent first (memoised), then the last component, one lstat: a symlink's
    // target is read and resolved again (absolute targets from the root, relative ones from the parent). Nothing
    // can be below a missing entry or a file, so asking about one needs no call.
    private Resolved Resolve(string normalized, int hops)
    {
        if (normalized == "/") return RootResolved;
        int slash = normalized.LastIndexOf('/');
        var parent = ResolveMemoised(slash == 0 ? "/" : normalized.AsSpan(0, slash), hops);
        var candidate = Child(normalized, slash, parent.Path);
        if (parent.Type != Jail.FileStatus.Directory || !Jail.PosixFiles.Lstat(Jail.PosixFiles.CurrentDirectory, RealPrefix, candidate, out var status)) return new Resolved(candidate, 0);
        if (status.Type != Jail.FileStatus.Symlink) return new Resolved(candidate, status.Type);
        var target = Jail.PosixFiles.ReadLink(Jail.PosixFiles.CurrentDirectory, RealPrefix, candidate);
        if (target is null || hops >= MaxSymlinkHops) return new Resolved(candidate, Jail.FileStatus.Symlink);
        return Resolve(NormalizeHostPath(target.StartsWith('/') ? target : parent.Path + "/" + target), hops + 1);
    }

    // `text` is `normalized` as a string when the caller has one, so a miss need not copy it.
    private Resolved ResolveMemoised(ReadOnlySpan<char> normalized, int hops, string? text = null)
    {
        if (normalized is "/") return RootResolved;
        if (_resolved.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(normalized, out var known)) return known;
        var path = text ?? normalized.ToString();
        var result = Resolve(path, hops);
        // Only a resolution that starts here is kept: one reached through a symlink chain may have stopped at the hop limit.
        if (hops == 0) Memoise(path, result);
        return result;
    }

    private void Memoise(string path, Resolved result)
    {
        if (Interlocked.Increment(ref _resolvedCount) > MaxMemoisedPaths)
        {
            _resolved.Clear();
            Interlocked.Exchange(ref _resolvedCount, 0);
        }
        _resolved[path] = result;
    }

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

    /// <summary>Whether the host path names something that is not a directory (as File.Exists: symlinks followed).</summary>
    public bool FileExists(string hostPath) => StatType(hostPath) is { } type && type != Jail.FileStatus.Directory;

    /// <summary>Whether the host path names a directory (symlinks followed).</summary>
    public bool DirectoryExists(string hostPath) => StatType(hostPath) == Jail.FileStatus.Directory;

    public bool Exists(string hostPath) => StatType(hostPath) is not null;

    // The file type (S_IFMT bits) stat(2) sees at a host path, or null when nothing is there (or a symlink loop):
    // the type the resolution found, so a path asked about again, or a directory above one, costs no call.
    private uint? StatType(string hostPath)
    {
        var normalized = NormalizeHostPath(hostPath);
        var type = ResolveMemoised(normalized, 0, normalized).Type;
        return type is 0 or Jail.FileStatus.Symlink ? null : type;
    }

    /// <summary>Names in a host directory, sorted as httpd sorts (byte order), or null when it cannot be read.</summary>
    public IReadOnlyList<string>? ListDirectory(string hostPath) => ListRealDirectory(ToRealPath(hostPath));

    /// <summary>
    /// <see cref="ListDirectory"/>, and what getdents says each regular file and directory in it is is kept for the
    /// questions about them that follow (an Include of `sites-enabled/*.conf` asks about every file it lists): when the
    /// directory resolves to itself, so does each of those entries.
    /// </summary>
    public IReadOnlyList<string>? ListDirectoryForReading(string hostPath)
    {
        var normalized = NormalizeHostPath(hostPath);
        if (Jail.PosixFiles.ReadDirectoryEntries(ToRealPath(normalized), default) is not { } entries) return null;
        Array.Sort(entries, Jail.PosixFiles.ByName);
        bool known = ResolvesToItself(normalized);
        var names = new string[entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            var (name, type) = entries[i];
            names[i] = name;
            if (!known) continue;
            if (Jail.PosixFiles.TypeOfEntry(type) is var mode and not 0) Remember(normalized == "/" ? "/" + name : normalized + "/" + name, mode);
        }
        return names;
    }


    /// <summary>Names in a real directory ("." and ".." left out) in byte order, or null when it cannot be read.</summary>
    internal static string[]? ListRealDirectory(string realPath)
    {
        if (Jail.PosixFiles.ReadDirectory(realPath, default) is not { } names) return null;
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    /// <summary>
    /// Reads a host file as text. On failure returns null and reports CL0001 (cannot read) or
    /// CL0002 (binary, or a line longer than <paramref name="maxLineLength"/>) at <paramref name="reportAt"/>
    /// (the line that named the file) or at the file itself.
    /// </summary>
    public SourceText? ReadText(string hostPath, DiagnosticBag diagnostics, Location? reportAt = null, int maxLineLength = ApacheLineLimits.MainConfig) =>
        ReadText(hostPath, diagnostics, out _, reportAt, maxLineLength);

    /// <summary>As <see cref="ReadText(string, DiagnosticBag, Location?, int)"/>, also giving the file's permission bits when the read saw them.</summary>
    public SourceText? ReadText(string hostPath, DiagnosticBag diagnostics, out int? permissions, Location? reportAt = null, int maxLineLength = ApacheLineLimits.MainConfig) =>
        ReadText(hostPath, diagnostics, out permissions, out _, skipPrograms: false, reportAt, maxLineLength);

    /// <summary>
    /// As <see cref="ReadText(string, DiagnosticBag, out int?, Location?, int)"/>, for a file that may be a script or a
    /// compiled program (a FastCGI wrapper): a program (ELF) is not read and not reported; <paramref name="isProgram"/> says so.
    /// </summary>
    public SourceText? ReadScript(string hostPath, DiagnosticBag diagnostics, out int? permissions, out bool isProgram) =>
        ReadText(hostPath, diagnostics, out permissions, out isProgram, skipPrograms: true, null, ApacheLineLimits.MainConfig);

    private SourceText? ReadText(string hostPath, DiagnosticBag diagnostics, out int? permissions, out bool isProgram, bool skipPrograms,
        Location? reportAt, int maxLineLength)
    {
        var real = ToRealPath(hostPath);
        permissions = null;
        // Nearly every file is a readable regular file: read it in four calls. Anything else is read again through .NET,
        // whose exceptions say what went wrong.
        if (Jail.PosixFiles.TryReadRegularFile(real, out var read, out var mode, skipPrograms, out isProgram))
        {
            permissions = (int)mode;
            return Check(SourceText.From(read, real, hostPath), hostPath, real, diagnostics, maxLineLength);
        }
        if (isProgram) return null;
        if (skipPrograms && Jail.PosixFiles.StartsWithElfMagic(real))
        {
            isProgram = true;
            return null;
        }
        var fileLocation = reportAt ?? Location.ForFile(real, hostPath);
        var displayPath = IsSysroot ? $"{hostPath} ({real})" : hostPath;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(real);
        }
        catch (FileNotFoundException) { diagnostics.Report(CL0001InputMustBeReadable.Rule, fileLocation, displayPath, "no such file"); return null; }
        catch (DirectoryNotFoundException) { diagnostics.Report(CL0001InputMustBeReadable.Rule, fileLocation, displayPath, "no such file or directory"); return null; }
        catch (UnauthorizedAccessException)
        {
            // .NET refuses to open a directory as a file with the same exception as a permission problem.
            diagnostics.Report(CL0001InputMustBeReadable.Rule, fileLocation, displayPath, Directory.Exists(real) ? "is a directory, a file is needed" : "permission denied");
            return null;
        }
        catch (IOException e) { diagnostics.Report(CL0001InputMustBeReadable.Rule, fileLocation, displayPath, e.Message); return null; }

        return Check(SourceText.From(bytes, real, hostPath), hostPath, real, diagnostics, maxLineLength);
    }

    // A file read is refused as text (CL0002) when it holds a NUL byte or a line longer than the engine reads.
    private static SourceText? Check(SourceText text, string hostPath, string real, DiagnosticBag diagnostics, int maxLineLength)
    {
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
