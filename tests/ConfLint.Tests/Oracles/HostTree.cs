using System.Text;

namespace ConfLint.Tests.Oracles;

/// <summary>
/// A host's file system laid out under a temporary directory. As a sysroot (the default), host
/// path `/etc/apache2/apache2.conf` is `Root/etc/apache2/apache2.conf`: ConfLint reads it with
/// `--root Root`, the engines read the same files through their real paths. A real-path tree
/// (<see cref="CreateInPlace"/>) is for configs whose absolute paths httpd itself checks on disk
/// (a main-server DocumentRoot): their host paths are their real paths, under Root, and ConfLint
/// reads them with `--root /`. Deleted on Dispose.
/// </summary>
public sealed class HostTree : IDisposable
{
    private HostTree(string root, bool sysroot)
    {
        Root = root;
        IsSysroot = sysroot;
    }

    /// <summary>The real directory holding the tree (the host's "/" for a sysroot tree).</summary>
    public string Root { get; }

    /// <summary>True: host paths are re-rooted under Root. False: host paths are real paths (under Root).</summary>
    public bool IsSysroot { get; }

    /// <summary>What host paths of this tree start with: "" for a sysroot, Root for a real-path tree.</summary>
    public string HostPrefix => IsSysroot ? "" : Root;

    /// <summary>The `--root` ConfLint reads this tree with.</summary>
    public string LintRoot => IsSysroot ? Root : "/";

    public static HostTree Create(string label) => new(NewDirectory(label), sysroot: true);

    /// <summary>A tree whose host paths are its real paths (see the class summary).</summary>
    public static HostTree CreateInPlace(string label) => new(NewDirectory(label), sysroot: false);

    private static string NewDirectory(string label)
    {
        var safe = new string(label.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        if (safe.Length > 40) safe = safe[..40];
        var dir = Path.Combine(Path.GetTempPath(), "conflint-tree-" + safe + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The real path of a host path (no symlink resolution: the engines see the same path).</summary>
    public string RealPath(string hostPath)
    {
        if (!hostPath.StartsWith('/')) throw new ArgumentException($"host path must be absolute: {hostPath}", nameof(hostPath));
        if (!IsSysroot) return hostPath;
        return hostPath == "/" ? Root : Root + hostPath.TrimEnd('/');
    }

    /// <summary>A file of the tree by its path relative to <see cref="Root"/> (e.g. "etc/passwd"), in either mode.</summary>
    public string UnderRoot(string relative) => Path.Combine(Root, relative.TrimStart('/'));

    /// <summary>The host path of a real path under <see cref="Root"/>, or null when it lies outside.</summary>
    public string? HostPath(string realPath)
    {
        if (!IsSysroot) return realPath.StartsWith(Root + "/", StringComparison.Ordinal) ? realPath : null;
        if (realPath == Root) return "/";
        return realPath.StartsWith(Root + "/", StringComparison.Ordinal) ? realPath[Root.Length..] : null;
    }

    /// <summary>
    /// A path as reports compare it: relative to the tree with a leading "/" (`/etc/apache2/x.conf`)
    /// whether it is given as a real path or a host path of either kind of tree; other paths unchanged.
    /// </summary>
    public string DisplayPath(string path)
    {
        if (path == Root) return "/";
        return path.StartsWith(Root + "/", StringComparison.Ordinal) ? path[Root.Length..] : path;
    }

    public bool Exists(string hostPath) => File.Exists(RealPath(hostPath)) || Directory.Exists(RealPath(hostPath));

    public string ReadText(string hostPath) => File.ReadAllText(RealPath(hostPath));

    /// <summary>Writes a file (creating its directories), replacing a symlink rather than writing through it.</summary>
    public HostTree Write(string hostPath, string text)
    {
        var real = RealPath(hostPath);
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        if (new FileInfo(real).LinkTarget is not null) File.Delete(real);
        File.WriteAllText(real, text, new UTF8Encoding(false));
        return this;
    }

    public HostTree WriteBytes(string hostPath, byte[] bytes)
    {
        var real = RealPath(hostPath);
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.WriteAllBytes(real, bytes);
        return this;
    }

    public HostTree CreateDirectory(string hostPath)
    {
        Directory.CreateDirectory(RealPath(hostPath));
        return this;
    }

    /// <summary>Creates a symlink at <paramref name="hostPath"/> whose target is stored verbatim (relative or host-absolute).</summary>
    public HostTree Symlink(string hostPath, string target)
    {
        var real = RealPath(hostPath);
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.CreateSymbolicLink(real, target);
        return this;
    }

    public HostTree Delete(string hostPath)
    {
        var real = RealPath(hostPath);
        if (Directory.Exists(real) && new FileInfo(real).LinkTarget is null) Directory.Delete(real, recursive: true);
        else if (File.Exists(real) || new FileInfo(real).LinkTarget is not null) File.Delete(real);
        return this;
    }

    public HostTree Chmod(string hostPath, UnixFileMode mode)
    {
        File.SetUnixFileMode(RealPath(hostPath), mode);
        return this;
    }

    /// <summary>
    /// Copies a real directory into the tree at <paramref name="hostDirectory"/>, files made
    /// writable, symlinks copied as symlinks. <paramref name="skip"/> names files (relative to the
    /// source) left out.
    /// </summary>
    public HostTree CopyDirectory(string realSource, string hostDirectory, Func<string, bool>? skip = null)
    {
        CopyRecursive(realSource, RealPath(hostDirectory), realSource, skip);
        return this;
    }

    private static void CopyRecursive(string source, string destination, string sourceRoot, Func<string, bool>? skip)
    {
        Directory.CreateDirectory(destination);
        foreach (var entry in Directory.EnumerateFileSystemEntries(source))
        {
            var name = Path.GetFileName(entry);
            var relative = Path.GetRelativePath(sourceRoot, entry);
            if (skip?.Invoke(relative) == true) continue;
            var target = Path.Combine(destination, name);
            var info = new FileInfo(entry);
            if (info.LinkTarget is not null) File.CreateSymbolicLink(target, info.LinkTarget);
            else if (Directory.Exists(entry)) CopyRecursive(entry, target, sourceRoot, skip);
            else
            {
                File.Copy(entry, target);
                File.SetUnixFileMode(target, File.GetUnixFileMode(target) | UnixFileMode.UserWrite | UnixFileMode.UserRead);
            }
        }
    }

    /// <summary>Copies the whole tree into a new temporary tree (for mutating one copy per case).</summary>
    public HostTree Clone(string label)
    {
        if (!IsSysroot) throw new InvalidOperationException("a real-path tree names its own folder in its files: build a new one instead of copying");
        var copy = Create(label);
        CopyRecursive(Root, copy.Root, Root, null);
        return copy;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open elsewhere: the temp folder is left for the OS to clean.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
