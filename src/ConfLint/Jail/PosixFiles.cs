using System.Runtime.InteropServices;
using System.Text;
using ConfLint.Text;
using Mono.Unix;

namespace ConfLint.Jail;

/// <summary>
/// What statx(2) says about one path: type and permission bits, owner, group, link count, whether it is the root of a
/// mount (null where the kernel cannot say), and the device of the file system it is on (major in the high half).
/// </summary>
internal readonly record struct FileStatus(uint Mode, uint Uid, uint Gid, uint LinkCount, bool? IsMountRoot = null, ulong Device = 0)
{
    public const uint TypeMask = 0xF000;      // S_IFMT
    public const uint Directory = 0x4000;     // S_IFDIR
    public const uint Symlink = 0xA000;       // S_IFLNK
    public const uint RegularFile = 0x8000;   // S_IFREG

    /// <summary>The S_IFMT bits.</summary>
    public uint Type => Mode & TypeMask;
}

/// <summary>
/// statx(2), readlink(2) and getdents64(2) straight from the C library, with the path encoded on
/// the stack. A whole-host lint makes a few hundred thousand of these calls: the managed wrappers
/// allocate on each, and .NET's directory enumeration (opendir) costs an fstat and a heap enumerator
/// per directory. statx has one layout on every architecture, unlike struct stat. Paths are encoded as
/// Mono.Posix encodes them (UnixEncoding), so names that are not valid UTF-8 round-trip.
/// </summary>
internal static unsafe partial class PosixFiles
{
    private const string LibC = "libc.so.6";

    // Linux PATH_MAX, terminating NUL included: no path the kernel accepts is longer.
    private const int PathMax = 4096;

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxWanted = 0x1F; // STATX_TYPE | STATX_MODE | STATX_NLINK | STATX_UID | STATX_GID
    // O_RDONLY | O_DIRECTORY | O_CLOEXEC, and O_NOFOLLOW: O_DIRECTORY and O_NOFOLLOW differ between x86-64 (and most
    // others, asm-generic) and arm64.
    private static readonly bool Arm = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;
    private static readonly int OpenDirectoryFlags = (Arm ? 0x4000 : 0x10000) | 0x80000;
    private static readonly int NoFollow = Arm ? 0x8000 : 0x20000;

    // struct statx (linux/stat.h): 256 bytes, the fields read here at fixed offsets.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(8)] public ulong Attributes;
        [FieldOffset(16)] public uint Nlink;
        [FieldOffset(20)] public uint Uid;
        [FieldOffset(24)] public uint Gid;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(56)] public ulong AttributesMask;
        [FieldOffset(112)] public long ModifiedSeconds;     // stx_mtime.tv_sec
        [FieldOffset(120)] public uint ModifiedNanoseconds; // stx_mtime.tv_nsec
        [FieldOffset(136)] public uint DeviceMajor;          // stx_dev_major
        [FieldOffset(140)] public uint DeviceMinor;          // stx_dev_minor
    }

    private const ulong StatxAttrMountRoot = 0x2000; // STATX_ATTR_MOUNT_ROOT (Linux 5.8)

    [LibraryImport(LibC, EntryPoint = "statx", SetLastError = false)]
    private static partial int NativeStatx(int directory, byte* path, int flags, uint mask, StatxBuffer* buffer);

    [LibraryImport(LibC, EntryPoint = "readlinkat", SetLastError = false)]
    private static partial nint NativeReadLinkAt(int directory, byte* path, byte* buffer, nuint size);

    [LibraryImport(LibC, EntryPoint = "openat", SetLastError = true)]
    private static partial int NativeOpenAt(int directory, byte* path, int flags, int mode);

    [LibraryImport(LibC, EntryPoint = "getdents64", SetLastError = false)]
    private static partial nint NativeGetDents(int fd, byte* buffer, nuint size);

    [LibraryImport(LibC, EntryPoint = "fstatfs", SetLastError = false)]
    private static partial int NativeFStatFs(int fd, byte* buffer);

    [LibraryImport(LibC, EntryPoint = "close", SetLastError = false)]
    private static partial int NativeClose(int fd);

    [LibraryImport(LibC, EntryPoint = "madvise", SetLastError = false)]
    private static partial int NativeMadvise(nint address, nuint length, int advice);

    private const int MadvHugePage = 14; // MADV_HUGEPAGE

    /// <summary>Asks the kernel to back a mapping (or part of one) with transparent huge pages; false when it declines.</summary>
    public static bool AdviseHugePages(long address, long length) => NativeMadvise((nint)address, (nuint)length, MadvHugePage) == 0;

    [LibraryImport(LibC, EntryPoint = "read", SetLastError = false)]
    private static partial nint NativeRead(int fd, byte* buffer, nuint count);

    [LibraryImport(LibC, EntryPoint = "pread", SetLastError = false)]
    private static partial nint NativePRead(int fd, byte* buffer, nuint count, long offset);

    private const int OpenReadOnly = 0x80000; // O_RDONLY | O_CLOEXEC
    private const int AtEmptyPath = 0x1000;
    private const uint StatxTypeModeSize = 0x203; // STATX_TYPE | STATX_MODE | STATX_SIZE

    // One read buffer per thread: a file's bytes are decoded into text at once, so the buffer is free again after each read.
    // A file larger than this gets a buffer of its own, so that no thread keeps a large one.
    [ThreadStatic] private static byte[]? t_readBuffer;
    private const int KeptReadBuffer = 64 * 1024;

    /// <summary>
    /// The bytes of the regular file at <paramref name="path"/> (symlinks followed) and its permission bits, in one open, one
    /// statx on the descriptor and the reads: false when it cannot be opened or read, is not a regular file or is empty (a
    /// caller that must say why, or read to EOF, asks again the slow way). A file that shrinks while read is given as far
    /// as it went. The bytes are valid until this thread reads the next file. With <paramref name="stopAtElf"/>, a file
    /// that starts with the ELF magic is not read further (<paramref name="elf"/> says so, and false is returned).
    /// </summary>
    public static bool TryReadRegularFile(ReadOnlySpan<char> path, out ReadOnlySpan<byte> bytes, out uint permissions, bool stopAtElf, out bool elf)
    {
        bytes = default;
        permissions = 0;
        elf = false;
        int fd = OpenForReading(path);
        if (fd < 0) return false;
        try
        {
            StatxBuffer status;
            byte empty = 0;
            if (NativeStatx(fd, &empty, AtEmptyPath, StatxTypeModeSize, &status) != 0) return false;
            // Size 0 may be a file whose size the kernel does not know ahead (/proc): read the slow way, until EOF.
            if ((status.Mode & FileStatus.TypeMask) != FileStatus.RegularFile || status.Size == 0 || status.Size > int.MaxValue - 64) return false;
            int size = (int)status.Size;
            var buffer = t_readBuffer ??= new byte[KeptReadBuffer];
            int filled = 0;
            if (stopAtElf)
            {
                // A program may be megabytes that need not be read: its head first.
                if (!ReadInto(fd, buffer, ref filled, Math.Min(4096, size))) return false;
                if (IsElfMagic(buffer.AsSpan(0, filled)))
                {
                    elf = true;
                    return false;
                }
            }
            if (size > buffer.Length)
            {
                var own = new byte[size];
                buffer.AsSpan(0, filled).CopyTo(own);
                buffer = own;
            }
            if (!ReadInto(fd, buffer, ref filled, size)) return false;
            permissions = status.Mode & 0xFFFu;
            bytes = buffer.AsSpan(0, filled);
            return true;
        }
        finally
        {
            NativeClose(fd);
        }
    }

    // Reads from fd into buffer[filled..until] until it is full or the file ends; false on a read error.
    private static bool ReadInto(int fd, byte[] buffer, ref int filled, int until)
    {
        fixed (byte* b = buffer)
        {
            while (filled < until)
            {
                nint read = NativeRead(fd, b + filled, (nuint)(until - filled));
                if (read < 0) return false;
                if (read == 0) return true;
                filled += (int)read;
            }
        }
        return true;
    }

    /// <summary>Whether the file at <paramref name="path"/> (symlinks followed) starts with the ELF magic: only its first four bytes are read.</summary>
    public static bool StartsWithElfMagic(ReadOnlySpan<char> path)
    {
        int fd = OpenForReading(path);
        if (fd < 0) return false;
        byte* magic = stackalloc byte[4];
        nint read = NativePRead(fd, magic, 4, 0);
        NativeClose(fd);
        return read == 4 && IsElfMagic(new ReadOnlySpan<byte>(magic, 4));
    }

    // The first four bytes of every ELF object: 0x7F 'E' 'L' 'F'.
    private static bool IsElfMagic(ReadOnlySpan<byte> head) => head.StartsWith("\u007FELF"u8);

    private static int OpenForReading(ReadOnlySpan<char> path) => OpenAt(AtFdCwd, default, path, OpenReadOnly);

    /// <summary>The working directory, for the calls below that take a directory: absolute paths ignore it.</summary>
    public const int CurrentDirectory = AtFdCwd;

    /// <summary>lstat of <paramref name="prefix"/> followed by <paramref name="path"/> (relative to the open <paramref name="directory"/>); false when it fails.</summary>
    public static bool Lstat(int directory, ReadOnlySpan<char> prefix, ReadOnlySpan<char> path, out FileStatus status) => Statx(directory, prefix, path, AtSymlinkNoFollow, out status);

    /// <summary>stat (symlinks followed) of <paramref name="prefix"/> followed by <paramref name="path"/>; false when it fails.</summary>
    public static bool Stat(ReadOnlySpan<char> prefix, ReadOnlySpan<char> path, out FileStatus status) => Statx(AtFdCwd, prefix, path, 0, out status);

    private static bool Statx(int directory, ReadOnlySpan<char> prefix, ReadOnlySpan<char> path, int flags, out FileStatus status)
    {
        status = default;
        if (!Statx(directory, prefix, path, flags, StatxWanted, out var buffer)) return false;
        bool? mountRoot = (buffer.AttributesMask & StatxAttrMountRoot) == 0 ? null : (buffer.Attributes & StatxAttrMountRoot) != 0;
        status = new FileStatus(buffer.Mode, buffer.Uid, buffer.Gid, buffer.Nlink, mountRoot, (ulong)buffer.DeviceMajor << 32 | buffer.DeviceMinor);
        return true;
    }

    // statx(2) of prefix + path (relative to the open `directory`) for the fields in `mask`; false when it fails.
    private static bool Statx(int directory, ReadOnlySpan<char> prefix, ReadOnlySpan<char> path, int flags, uint mask, out StatxBuffer buffer)
    {
        Span<byte> encoded = stackalloc byte[PathMax];
        buffer = default;
        if (!TryEncode(prefix, path, encoded, out var heapEncoded)) return false;
        fixed (byte* p = heapEncoded ?? encoded)
        fixed (StatxBuffer* b = &buffer)
            return NativeStatx(directory, p, flags, mask, b) == 0;
    }

    private const uint StatxTypeModifiedTime = 0x41; // STATX_TYPE | STATX_MTIME

    /// <summary>
    /// The type bits (S_IFMT) and modification time of <paramref name="name"/> in the open <paramref name="directory"/>, not
    /// following a symlink; false when it cannot be stat'ed.
    /// </summary>
    public static bool ModificationTime(int directory, string name, out uint type, out long seconds, out uint nanoseconds)
    {
        bool stated = Statx(directory, default, name, AtSymlinkNoFollow, StatxTypeModifiedTime, out var buffer);
        (type, seconds, nanoseconds) = stated ? (buffer.Mode & FileStatus.TypeMask, buffer.ModifiedSeconds, buffer.ModifiedNanoseconds) : (0u, 0L, 0u);
        return stated;
    }

    /// <summary>statx of what the open descriptor <paramref name="fd"/> refers to (no path looked up); false when it fails.</summary>
    public static bool StatOpen(int fd, out FileStatus status) => Statx(fd, default, default, AtEmptyPath, out status);

    /// <summary>The target of the symlink at <paramref name="prefix"/> followed by <paramref name="path"/> (relative to the open <paramref name="directory"/>), or null when it is not a symlink or cannot be read.</summary>
    public static string? ReadLink(int directory, ReadOnlySpan<char> prefix, ReadOnlySpan<char> path)
    {
        Span<byte> encoded = stackalloc byte[PathMax];
        if (!TryEncode(prefix, path, encoded, out var heapEncoded)) return null;
        Span<byte> target = stackalloc byte[PathMax];
        nint length;
        fixed (byte* p = heapEncoded ?? encoded)
        fixed (byte* t = target)
            length = NativeReadLinkAt(directory, p, t, (nuint)target.Length);
        if (length < 0 || length >= target.Length) return null;
        return Decode(target[..(int)length]);
    }

    /// <summary>Opens the directory at <paramref name="prefix"/> followed by <paramref name="path"/> for reading; -1 when it cannot.</summary>
    public static int OpenDirectory(ReadOnlySpan<char> prefix, ReadOnlySpan<char> path) => OpenAt(AtFdCwd, prefix, path, OpenDirectoryFlags);

    /// <summary>Opens the directory at <paramref name="path"/>, not following a symlink as its last component; -1 when it cannot.</summary>
    public static int OpenDirectoryNoFollow(string path) => OpenAt(AtFdCwd, default, path, OpenDirectoryFlags | NoFollow);

    /// <summary>Opens the directory <paramref name="name"/> in the open directory <paramref name="directory"/>, not following a symlink; -1 when it cannot.</summary>
    public static int OpenDirectoryAt(int directory, string name) => OpenAt(directory, default, name, OpenDirectoryFlags | NoFollow);

    // openat(2) of prefix + path (relative to the open `directory`) with `flags`; -1 when it fails.
    private static int OpenAt(int directory, ReadOnlySpan<char> prefix, ReadOnlySpan<char> path, int flags)
    {
        Span<byte> encoded = stackalloc byte[PathMax];
        if (!TryEncode(prefix, path, encoded, out var heapEncoded)) return -1;
        fixed (byte* p = heapEncoded ?? encoded)
        {
            int fd = NativeOpenAt(directory, p, flags | NoAccessTime, 0);
            // Root without CAP_FOWNER (a user namespace) may not keep the access time of another's file: open it as is.
            if (fd < 0 && NoAccessTime != 0 && Marshal.GetLastPInvokeError() == PermissionDenied) fd = NativeOpenAt(directory, p, flags, 0);
            return fd;
        }
    }

    private const int PermissionDenied = 1; // EPERM

    // O_NOATIME (the same on x86-64 and arm64) when the process runs as root, which may use it on any file: a lint
    // leaves the host as it found it, access times included. Otherwise relatime would make the first lint after a change
    // rewrite the access time of every file and directory it reads (some 15,000 inodes on a host of 1,000 sites), and the
    // write-back would run beside the lint. Without the privilege, open(2) refuses the flag on files of other users (EPERM):
    // it is not asked for then, and a refusal is met by opening again without it.
    private static readonly int NoAccessTime = NativeGetEuid() == 0 ? 0x40000 : 0;

    [LibraryImport(LibC, EntryPoint = "geteuid", SetLastError = false)]
    private static partial uint NativeGetEuid();

    public static void Close(int fd) => NativeClose(fd);

    /// <summary>
    /// The names in the directory at <paramref name="prefix"/> followed by <paramref name="path"/>
    /// ("." and ".." left out), in the order the kernel gives them; null when it cannot be opened or read.
    /// </summary>
    public static string[]? ReadDirectory(ReadOnlySpan<char> prefix, ReadOnlySpan<char> path)
    {
        var entries = t_names ??= new List<(string, byte)>();
        if (!ReadEntries(prefix, path, entries)) return null;
        var names = new string[entries.Count];
        for (int i = 0; i < names.Length; i++) names[i] = entries[i].Name;
        return names;
    }

    // One getdents buffer per thread: the jail walks and the main thread list directories at the same time.
    [ThreadStatic] private static byte[]? t_entries;
    [ThreadStatic] private static List<(string Name, byte Type)>? t_names;

    /// <summary>d_type of a directory (DT_DIR): what getdents64 says the entry is, before anyone looks it up.</summary>
    public const byte DirectoryEntryType = 4;

    /// <summary>d_type of a regular file (DT_REG).</summary>
    public const byte RegularFileEntryType = 8;

    /// <summary>The S_IFMT bits of what getdents64 says an entry is, for a directory or a regular file; 0 for anything else, or when it does not say.</summary>
    public static uint TypeOfEntry(byte entryType) => entryType switch
    {
        DirectoryEntryType => FileStatus.Directory,
        RegularFileEntryType => FileStatus.RegularFile,
        _ => 0,
    };

    /// <summary>Directory entries in byte order of their names (httpd's order, and a walk's).</summary>
    public static readonly Comparison<(string Name, byte Type)> ByName = static (a, b) => string.CompareOrdinal(a.Name, b.Name);

    /// <summary>
    /// The names in the directory at <paramref name="prefix"/> followed by <paramref name="path"/> with the type getdents64
    /// gives each (<see cref="DirectoryEntryType"/>, <see cref="RegularFileEntryType"/>, 0 when the file system does not say),
    /// in the kernel's order; null when it cannot be opened or read.
    /// </summary>
    public static (string Name, byte Type)[]? ReadDirectoryEntries(ReadOnlySpan<char> prefix, ReadOnlySpan<char> path)
    {
        var entries = t_names ??= new List<(string, byte)>();
        return ReadEntries(prefix, path, entries) ? entries.ToArray() : null;
    }

    /// <summary>The entries of an open directory with their types, as <see cref="ReadDirectoryEntries(ReadOnlySpan{char}, ReadOnlySpan{char})"/>.</summary>
    /// <param name="shortReadEnds">
    /// The directory is on a file system whose getdents fills the buffer as long as entries are left
    /// (<see cref="FillsDirectoryReads"/>): a read that left room for another entry was the last, and the call that would
    /// only have said so is not made. Elsewhere (FUSE gives a page at a time, NFS what the server sent) only an empty read ends.
    /// </param>
    public static (string Name, byte Type)[]? ReadDirectoryEntries(int fd, bool shortReadEnds = false)
    {
        var entries = t_names ??= new List<(string, byte)>();
        return ReadEntries(fd, shortReadEnds, entries) ? entries.ToArray() : null;
    }

    // Opens the directory, reads its entries into `entries`, and closes it.
    private static bool ReadEntries(ReadOnlySpan<char> prefix, ReadOnlySpan<char> path, List<(string Name, byte Type)> entries)
    {
        int fd = OpenDirectory(prefix, path);
        if (fd < 0) return false;
        try { return ReadEntries(fd, shortReadEnds: false, entries); }
        finally { NativeClose(fd); }
    }

    // Reads the directory's entries into `entries` (emptied first), gathered in a list of the thread's and copied out
    // once by the caller.
    private static bool ReadEntries(int fd, bool shortReadEnds, List<(string Name, byte Type)> entries)
    {
        entries.Clear();
        return AppendDirectoryEntries(fd, shortReadEnds, entries);
    }

    /// <summary>
    /// Adds the entries of an open directory to the end of <paramref name="entries"/>, as
    /// <see cref="ReadDirectoryEntries(int, bool)"/> reads them; false when it cannot be read (what was added stays). A walk
    /// reads thousands of small directories into one list, each after its parent's entries, with no array per directory.
    /// </summary>
    public static bool AppendDirectoryEntries(int fd, bool shortReadEnds, List<(string Name, byte Type)> entries)
    {
        var buffer = t_entries ??= new byte[32 * 1024];
        while (true)
        {
            nint read;
            fixed (byte* b = buffer) read = NativeGetDents(fd, b, (nuint)buffer.Length);
            if (read < 0) return false;
            if (read == 0) return true;
            // struct linux_dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name (NUL-terminated).
            for (int offset = 0; offset < read;)
            {
                int length = BitConverter.ToUInt16(buffer, offset + 16);
                byte type = buffer[offset + 18];
                var name = buffer.AsSpan(offset + 19, length - 19);
                name = name[..name.IndexOf((byte)0)];
                offset += length;
                if (name is [(byte)'.'] or [(byte)'.', (byte)'.']) continue;
                entries.Add((Decode(name), type));
            }
            if (shortReadEnds && read <= buffer.Length - LargestDirectoryEntry) return true;
        }
    }

    // The largest linux_dirent64: 19 bytes of header, a 255-byte name and its NUL, rounded up to 8.
    private const int LargestDirectoryEntry = 280;

    // statfs f_type (linux/magic.h) of the file systems whose readdir emits entries until the caller's buffer is full or
    // the directory ends: ext2/3/4 (linear and hashed), XFS, Btrfs, tmpfs, and overlayfs (which reads its layers, or its
    // merged cache, the same way).
    private static readonly long[] FillingFileSystems = { 0xEF53, 0x58465342, 0x9123683E, 0x01021994, 0x794C7630 };

    /// <summary>Whether the open file is on a file system whose directory reads fill the buffer (see <see cref="ReadDirectoryEntries(int, bool)"/>).</summary>
    public static bool FillsDirectoryReads(int fd)
    {
        // struct statfs on 64-bit Linux: f_type is its first field, a long; the whole struct is 120 bytes.
        byte* buffer = stackalloc byte[256];
        if (NativeFStatFs(fd, buffer) != 0) return false;
        return Array.IndexOf(FillingFileSystems, *(long*)buffer) >= 0;
    }

    // ASCII and UTF-8 names (nearly all) are decoded as such, through the shared string table; other bytes take
    // Mono's UnixEncoding, whose strings TryEncode turns back into the same bytes.
    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= 256 && Ascii.IsValid(bytes))
        {
            Span<char> chars = stackalloc char[bytes.Length];
            Ascii.ToUtf16(bytes, chars, out _);
            return SharedStrings.Get(chars);
        }
        if (Ascii.IsValid(bytes)) return Encoding.ASCII.GetString(bytes);
        return UnixEncoding.Instance.GetString(bytes.ToArray());
    }

    // ASCII paths (nearly all) are copied into the stack buffer; others take Mono's UnixEncoding on the heap.
    private static bool TryEncode(ReadOnlySpan<char> prefix, ReadOnlySpan<char> path, Span<byte> buffer, out byte[]? heapEncoded)
    {
        heapEncoded = null;
        int length = prefix.Length + path.Length;
        if (length >= buffer.Length) return false;
        if (Ascii.IsValid(prefix) && Ascii.IsValid(path))
        {
            Ascii.FromUtf16(prefix, buffer, out _);
            Ascii.FromUtf16(path, buffer[prefix.Length..], out _);
            buffer[length] = 0;
            return true;
        }
        var bytes = UnixEncoding.Instance.GetBytes(string.Concat(prefix, path));
        heapEncoded = new byte[bytes.Length + 1];
        bytes.CopyTo(heapEncoded, 0);
        return true;
    }
}
