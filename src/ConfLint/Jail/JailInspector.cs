using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ConfLint.Hosting;
using ConfLint.Text;

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

    // Whether each file system (by device) fills directory reads (PosixFiles.FillsDirectoryReads): asked once per device,
    // not once per jail (a host's jails are mostly on one or two). Kept for one lint: a device number freed by an unmount
    // may name another file system later.
    private readonly ConcurrentDictionary<ulong, bool> _fillsByDevice = new();

    public JailInspector(HostFileSystem fileSystem) => _fileSystem = fileSystem;

    /// <summary>lstat of a host path. Components before the last are resolved inside the root; the last is not followed.</summary>
    public JailFileInfo Lstat(string hostPath) =>
        LstatEntry(PosixFiles.CurrentDirectory, _fileSystem.ToRealPathOfEntry(hostPath), default, "/", HostFileSystem.NormalizeHostPath(hostPath));

    // lstat(2) of prefix + path (relative to the open `directory`), described as pathInJail inside jailRoot.
    private static JailFileInfo LstatEntry(int directory, ReadOnlySpan<char> prefix, ReadOnlySpan<char> path, string jailRoot, string pathInJail) =>
        LstatEntry(directory, prefix, path, jailRoot, pathInJail, out _);

    // The same, and whether the entry is the root of another mount (null when the kernel cannot say).
    private static JailFileInfo LstatEntry(int directory, ReadOnlySpan<char> prefix, ReadOnlySpan<char> path, string jailRoot, string pathInJail,
        out bool? isMountRoot)
    {
        isMountRoot = null;
        if (!PosixFiles.Lstat(directory, prefix, path, out var status)) return JailFileInfo.Missing(jailRoot, pathInJail);
        isMountRoot = status.IsMountRoot;
        var target = KindOf(status) == JailFileKind.Symlink ? PosixFiles.ReadLink(directory, prefix, path) : null;
        return Describe(status, jailRoot, pathInJail, target);
    }

    private static JailFileInfo Describe(FileStatus status, string jailRoot, string pathInJail, string? target) =>
        new(jailRoot, pathInJail, KindOf(status), status.Uid, status.Gid, (int)(status.Mode & 0xFFF), status.LinkCount, target);

    // The S_IFMT bits of each kind lstat reports; anything else is a regular file.
    private static readonly (uint Type, JailFileKind Kind)[] Kinds =
    {
        (FileStatus.Directory, JailFileKind.Directory), (FileStatus.Symlink, JailFileKind.Symlink), (0x2000, JailFileKind.CharacterDevice),
        (0x6000, JailFileKind.BlockDevice), (0x1000, JailFileKind.Fifo), (0xC000, JailFileKind.Socket),
    };

    private static JailFileKind KindOf(FileStatus status)
    {
        foreach (var (type, kind) in Kinds)
            if (type == status.Type) return kind;
        return JailFileKind.File;
    }

    /// <summary>The S_IFMT bits of a kind (a regular file's for <see cref="JailFileKind.File"/>); 0 for a missing entry.</summary>
    internal static uint TypeOf(JailFileKind kind)
    {
        if (kind == JailFileKind.Missing) return 0;
        foreach (var (type, k) in Kinds)
            if (k == kind) return type;
        return FileStatus.RegularFile;
    }

    /// <summary>
    /// Every path below a jail root (the root itself first), depth first in byte order, without
    /// following symlinks. Stops after <see cref="MaxEntriesPerWalk"/> entries; <paramref name="truncated"/> says so.
    /// Walks may run on several threads at once: they share only what each file system is (a concurrent map).
    /// </summary>
    public JailWalk Walk(string jailRoot, out bool truncated)
    {
        // The entries are gathered in lists of the thread's and copied out once, at their count: a jail's walk then
        // allocates its entries and one array, not a list that grows by doubling and an array per directory.
        var result = t_entries ?? new List<JailFileInfo>();
        var names = t_names ?? new List<(string Name, byte Type)>();
        t_entries = null;
        t_names = null;
        try { return Walk(jailRoot, result, names, out truncated); }
        finally
        {
            result.Clear();
            names.Clear();
            t_entries = result;
            t_names = names;
        }
    }

    [ThreadStatic] private static List<JailFileInfo>? t_entries;
    [ThreadStatic] private static List<(string Name, byte Type)>? t_names;

    private JailWalk Walk(string jailRoot, List<JailFileInfo> result, List<(string Name, byte Type)> names, out bool truncated)
    {
        truncated = false;
        var root = HostFileSystem.NormalizeHostPath(jailRoot);
        var rootReal = _fileSystem.ToRealPathOfEntry(root);
        // The root is opened first (not following a symlink) and stat'ed through its descriptor, as every directory below
        // it is: its long path is looked up once. What cannot be opened so (a symlink, a file, nothing) is stat'ed by name.
        int fd = PosixFiles.OpenDirectoryNoFollow(rootReal);
        JailFileInfo rootInfo;
        bool fills = false;
        if (fd >= 0 && PosixFiles.StatOpen(fd, out var status) && status.Type == FileStatus.Directory)
        {
            rootInfo = Describe(status, root, "/", target: null);
            fills = Fills(_fillsByDevice, status.Device, fd);
        }
        else
        {
            if (fd >= 0) PosixFiles.Close(fd);
            fd = -1;
            rootInfo = LstatEntry(PosixFiles.CurrentDirectory, rootReal, default, root, "/");
        }
        if (!rootInfo.Exists) return new JailWalk(result.ToArray(), complete: false);
        // A root reached through no symlink is where the host resolves it: the file system need not look it up again.
        if (rootInfo.Kind == JailFileKind.Directory && _fileSystem.EntryResolvesToItself(root)) _fileSystem.Remember(root, FileStatus.Directory);
        result.Add(rootInfo);
        if (rootInfo.Kind != JailFileKind.Directory || fd < 0) return new JailWalk(result.ToArray(), complete: false);
        // Each directory is opened from its parent's descriptor and its entries are lstat'ed by name in it: the
        // kernel looks up one component per call instead of the whole path from the root.
        var unread = new StrongBox<bool>(false);
        truncated = !WalkDirectory(fd, fills, _fillsByDevice, root, rootReal, "", 1, result, names, unread);
        return new JailWalk(result.ToArray(), complete: !truncated && !unread.Value);
    }

    // How deep a walk holds a descriptor per directory: below that (a tree deeper than any jail needs, or no descriptor
    // left), a subtree is read by full paths.
    private const int MaxDescriptorDepth = 256;

    // Adds the entries of the open directory `fd` (the jail's `directory`, "" for its root) and of its subdirectories
    // to `result`, depth first in byte order; closes fd. False when the walk stopped at MaxEntriesPerWalk.
    // `unread` is set when a directory could not be read: the walk then cannot say what is missing. `fills`: the directory
    // is on a file system whose reads fill the buffer (PosixFiles.FillsDirectoryReads), as is every subdirectory that is
    // not the root of another mount; a mount root (or a directory the kernel cannot say that of) is asked again, once per
    // device (`fillsByDevice`). `names` holds the entries of the directories being walked, each after its parent's.
    private static bool WalkDirectory(int fd, bool fills, ConcurrentDictionary<ulong, bool> fillsByDevice, string jailRoot, string rootReal,
        string directory, int depth, List<JailFileInfo> result, List<(string Name, byte Type)> names, StrongBox<bool> unread)
    {
        // This directory's entries follow its parent's in `names`; each subdirectory's follow these while it is walked.
        int start = names.Count;
        try
        {
            if (!PosixFiles.AppendDirectoryEntries(fd, fills, names))
            {
                unread.Value = true;
                return true;
            }
            int end = names.Count;
            CollectionsMarshal.AsSpan(names)[start..end].Sort(PosixFiles.ByName);
            for (int i = start; i < end; i++)
            {
                var (name, type) = names[i];
                if (result.Count >= MaxEntriesPerWalk) return false;
                var path = SharedStrings.GetPath(directory, name);
                bool descend = depth < MaxDescriptorDepth;
                // A directory (as getdents says) is opened first and stat'ed through its descriptor: its name is looked up
                // once, not once to stat it and again to open it. What cannot be opened so is stat'ed by name.
                int child = descend && type == PosixFiles.DirectoryEntryType ? PosixFiles.OpenDirectoryAt(fd, name) : -1;
                JailFileInfo entry;
                bool? isMountRoot;
                ulong? device = null;
                if (child >= 0 && PosixFiles.StatOpen(child, out var status) && status.Type == FileStatus.Directory)
                {
                    entry = Describe(status, jailRoot, path, target: null);
                    isMountRoot = status.IsMountRoot;
                    device = status.Device;
                }
                else
                {
                    if (child >= 0) PosixFiles.Close(child);
                    entry = LstatEntry(fd, default, name, jailRoot, path, out isMountRoot);
                    child = entry.Kind == JailFileKind.Directory && descend ? PosixFiles.OpenDirectoryAt(fd, name) : -1;
                }
                result.Add(entry);
                if (entry.Kind != JailFileKind.Directory) continue;
                if (child < 0)
                {
                    if (!WalkByPath(jailRoot, rootReal, path, result, unread)) return false;
                    continue;
                }
                bool childFills = isMountRoot == false ? fills
                    : device is { } d ? Fills(fillsByDevice, d, child)
                    : PosixFiles.FillsDirectoryReads(child);
                if (!WalkDirectory(child, childFills, fillsByDevice, jailRoot, rootReal, path, depth + 1, result, names, unread)) return false;
            }
            return true;
        }
        finally
        {
            names.RemoveRange(start, names.Count - start);
            PosixFiles.Close(fd);
        }
    }

    // Whether the file system of the open directory `fd` (on `device`) fills directory reads, asked once per device.
    private static bool Fills(ConcurrentDictionary<ulong, bool> byDevice, ulong device, int fd) =>
        byDevice.GetOrAdd(device, static (_, fd) => PosixFiles.FillsDirectoryReads(fd), fd);

    // Adds the entries below the jail's `directory` to `result` as WalkDirectory does, by full paths.
    private static bool WalkByPath(string jailRoot, string rootReal, string directory, List<JailFileInfo> result, StrongBox<bool> unread)
    {
        var stack = new Stack<JailFileInfo>();
        PushChildren(directory);
        while (stack.Count > 0)
        {
            if (result.Count >= MaxEntriesPerWalk) return false;
            var entry = stack.Pop();
            result.Add(entry);
            if (entry.Kind == JailFileKind.Directory) PushChildren(entry.PathInJail);
        }
        return true;

        void PushChildren(string parent)
        {
            var names = HostFileSystem.ListRealDirectory(rootReal + parent);
            if (names is null) unread.Value = true;
            for (int i = (names?.Length ?? 0) - 1; i >= 0; i--)
            {
                var path = SharedStrings.GetPath(parent, names![i]);
                stack.Push(LstatEntry(PosixFiles.CurrentDirectory, rootReal, path, jailRoot, path));
            }
        }
    }

    /// <summary>lstat of the jail root and each of its ancestors up to "/" (OpenSSH's ChrootDirectory walk), root first.</summary>
    /// <param name="root">The jail root as a walk already read it, if one did (it is the last component).</param>
    public IReadOnlyList<JailFileInfo> PathComponents(string jailRoot, JailFileInfo? root = null)
    {
        var normalized = HostFileSystem.NormalizeHostPath(jailRoot);
        // "/", each directory above the root, the root: as many as the path has slashes, and one more below "/".
        var components = new JailFileInfo[normalized.AsSpan().Count('/') + (normalized == "/" ? 0 : 1)];
        int count = 0;
        components[count++] = Ancestor("/");
        for (int slash = normalized.IndexOf('/', 1); slash > 0; slash = normalized.IndexOf('/', slash + 1))
            components[count++] = Ancestor(normalized.AsSpan(0, slash));
        if (normalized != "/") components[count++] = root is not null && root.HostPath == normalized ? root : Lstat(normalized);
        return components;
    }

    // Jails share their ancestors (/srv, /srv/www, ...): each is read once per inspector (the jail rules may run on two threads).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, JailFileInfo> _ancestors = new(StringComparer.Ordinal);

    private JailFileInfo Ancestor(ReadOnlySpan<char> hostPath)
    {
        // Looked up by the span first: the ancestors of a thousand jails are a handful of paths.
        if (_ancestors.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(hostPath, out var known)) return known;
        var path = hostPath.ToString();
        return _ancestors.GetOrAdd(path, Lstat(path));
    }
}
