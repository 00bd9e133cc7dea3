using ConfLint.Hosting;
using ConfLint.Text;
using Mono.Unix.Native;

namespace ConfLint.Jail;

/// <summary>
/// Reads owners, modes and file kinds of paths under the lint root with lstat(2), so jail
/// checks see exactly what the kernel will: a symlink is a symlink, never its target.
/// </summary>
public sealed class JailInspector
{
    /// <summary>How many entries one jail walk reads at most; a larger jail is reported as partly read.</summary>
    public const int MaxEntriesPerWalk = 200_000;

    private readonly HostFileSystem _fileSystem;

    public JailInspector(HostFileSystem fileSystem) => _fileSystem = fileSystem;

    /// <summary>lstat of a host path. Components before the last are resolved inside the root; the last is not followed.</summary>
    public JailFileInfo Lstat(string hostPath) =>
        LstatReal("/", HostFileSystem.NormalizeHostPath(hostPath), _fileSystem.ToRealPathOfEntry(hostPath), default);

    // lstat(2) of realPrefix + realRest, described as pathInJail inside jailRoot.
    private static JailFileInfo LstatReal(string jailRoot, string pathInJail, ReadOnlySpan<char> realPrefix, ReadOnlySpan<char> realRest)
    {
        if (!PosixFiles.Lstat(realPrefix, realRest, out var st)) return JailFileInfo.Missing(jailRoot, pathInJail);
        var type = st.st_mode & FilePermissions.S_IFMT;
        var kind = type switch
        {
            FilePermissions.S_IFDIR => JailFileKind.Directory,
            FilePermissions.S_IFLNK => JailFileKind.Symlink,
            FilePermissions.S_IFCHR => JailFileKind.CharacterDevice,
            FilePermissions.S_IFBLK => JailFileKind.BlockDevice,
            FilePermissions.S_IFIFO => JailFileKind.Fifo,
            FilePermissions.S_IFSOCK => JailFileKind.Socket,
            _ => JailFileKind.File,
        };
        string? target = null;
        if (kind == JailFileKind.Symlink)
        {
            try { target = new FileInfo(string.Concat(realPrefix, realRest)).LinkTarget; } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        int mode = (int)((uint)st.st_mode & 0xFFF);
        return new JailFileInfo(jailRoot, pathInJail, kind, st.st_uid, st.st_gid, mode, (long)st.st_nlink, target);
    }

    /// <summary>
    /// Every path below a jail root (the root itself first), depth first in byte order, without
    /// following symlinks. Stops after <see cref="MaxEntriesPerWalk"/> entries; <paramref name="truncated"/> says so.
    /// Walks may run on several threads at once: a walk uses no state of the inspector's own.
    /// </summary>
    public IReadOnlyList<JailFileInfo> Walk(string jailRoot, out bool truncated)
    {
        var result = new List<JailFileInfo>();
        truncated = false;
        var root = HostFileSystem.NormalizeHostPath(jailRoot);
        var rootReal = _fileSystem.ToRealPathOfEntry(root);
        var rootInfo = LstatReal(root, "/", rootReal, default);
        if (!rootInfo.Exists) return result;
        var stack = new Stack<JailFileInfo>();
        stack.Push(rootInfo);
        Span<char> buffer = stackalloc char[512];
        while (stack.Count > 0)
        {
            if (result.Count >= MaxEntriesPerWalk) { truncated = true; return result; }
            var entry = stack.Pop();
            result.Add(entry);
            if (entry.Kind != JailFileKind.Directory) continue;
            var directory = entry.PathInJail == "/" ? "" : entry.PathInJail;
            var names = ReadDirectory(directory.Length == 0 ? rootReal : rootReal + directory);
            for (int i = names.Length - 1; i >= 0; i--)
            {
                var path = InJailPath(buffer, directory, names[i]);
                stack.Push(LstatReal(root, path, rootReal, path));
            }
        }
        return result;
    }

    // The in-jail paths ("/etc/php.ini", "/usr/bin/php-cgi") repeat from jail to jail: one string each,
    // looked up from the joined text in the buffer when it fits.
    private static string InJailPath(Span<char> buffer, string directory, string name)
    {
        if (directory.Length + 1 + name.Length > buffer.Length) return SharedStrings.Get(string.Concat(directory, "/", name));
        directory.CopyTo(buffer);
        buffer[directory.Length] = '/';
        name.CopyTo(buffer[(directory.Length + 1)..]);
        return SharedStrings.Get(buffer[..(directory.Length + 1 + name.Length)]);
    }

    // The names of a directory in byte order ("." and ".." left out), empty when unreadable. .NET's
    // enumeration decodes names as UTF-8; a name that is not (U+FFFD in it) is read again through
    // Mono.Posix, whose UnixEncoding round-trips any bytes, so lstat finds it.
    private static string[] ReadDirectory(string realPath)
    {
        var names = new List<string>();
        try
        {
            var entries = new System.IO.Enumeration.FileSystemEnumerable<string>(realPath,
                static (ref System.IO.Enumeration.FileSystemEntry entry) => SharedStrings.Get(entry.FileName),
                new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true, RecurseSubdirectories = false });
            foreach (var name in entries)
            {
                if (name.Contains('\uFFFD')) return ReadDirectoryBytes(realPath);
                names.Add(name);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
        names.Sort(StringComparer.Ordinal);
        return names.ToArray();
    }

    private static string[] ReadDirectoryBytes(string realPath)
    {
        var dir = Syscall.opendir(realPath);
        if (dir == IntPtr.Zero) return Array.Empty<string>();
        var names = new List<string>();
        try
        {
            Dirent? entry;
            while ((entry = Syscall.readdir(dir)) is not null)
            {
                if (entry.d_name is "." or ".." or null) continue;
                names.Add(entry.d_name);
            }
        }
        finally
        {
            Syscall.closedir(dir);
        }
        names.Sort(StringComparer.Ordinal);
        return names.ToArray();
    }

    /// <summary>lstat of the jail root and each of its ancestors up to "/" (OpenSSH's ChrootDirectory walk), root first.</summary>
    /// <param name="root">The jail root as a walk already read it, if one did (it is the last component).</param>
    public IReadOnlyList<JailFileInfo> PathComponents(string jailRoot, JailFileInfo? root = null)
    {
        var normalized = HostFileSystem.NormalizeHostPath(jailRoot);
        var components = new List<JailFileInfo> { Ancestor("/") };
        for (int slash = normalized.IndexOf('/', 1); slash > 0; slash = normalized.IndexOf('/', slash + 1))
            components.Add(Ancestor(normalized[..slash]));
        if (normalized != "/") components.Add(root is not null && root.HostPath == normalized ? root : Lstat(normalized));
        return components;
    }

    // Jails share their ancestors (/srv, /srv/www, ...): each is read once per inspector.
    private readonly Dictionary<string, JailFileInfo> _ancestors = new(StringComparer.Ordinal);

    private JailFileInfo Ancestor(string hostPath)
    {
        if (!_ancestors.TryGetValue(hostPath, out var info)) _ancestors[hostPath] = info = Lstat(hostPath);
        return info;
    }
}
