using System.Runtime.InteropServices;
using System.Text;
using Mono.Unix;
using Mono.Unix.Native;

namespace ConfLint.Jail;

/// <summary>
/// lstat(2) and readlink(2) through Mono.Posix's native helper, with the path encoded on the stack.
/// Mono.Posix's managed wrappers marshal each path through a custom marshaler that allocates on
/// every call, and a whole-host lint makes a few hundred thousand of these calls. Paths are
/// encoded exactly as Mono.Posix encodes them (UnixEncoding), so names that are not valid UTF-8
/// round-trip the same way.
/// </summary>
internal static unsafe partial class PosixFiles
{
    private const string Helper = "MonoPosixHelper";

    // Linux PATH_MAX, terminating NUL included: no path the kernel accepts is longer.
    private const int PathMax = 4096;

    [LibraryImport(Helper, EntryPoint = "Mono_Posix_Syscall_lstat")]
    private static partial int NativeLstat(byte* path, Stat* buffer);

    [LibraryImport(Helper, EntryPoint = "Mono_Posix_Syscall_stat")]
    private static partial int NativeStat(byte* path, Stat* buffer);

    [LibraryImport(Helper, EntryPoint = "Mono_Posix_Syscall_readlink")]
    private static partial long NativeReadLink(byte* path, byte* buffer, ulong size);

    /// <summary>lstat(2) of <paramref name="prefix"/> followed by <paramref name="path"/>; false when it fails.</summary>
    public static bool Lstat(ReadOnlySpan<char> prefix, ReadOnlySpan<char> path, out Stat stat) => Call(&NativeLstat, prefix, path, out stat);

    /// <summary>stat(2) (symlinks followed) of <paramref name="prefix"/> followed by <paramref name="path"/>; false when it fails.</summary>
    public static bool Stat(ReadOnlySpan<char> prefix, ReadOnlySpan<char> path, out Stat stat) => Call(&NativeStat, prefix, path, out stat);

    private static bool Call(delegate*<byte*, Stat*, int> statCall, ReadOnlySpan<char> prefix, ReadOnlySpan<char> path, out Stat stat)
    {
        Span<byte> encoded = stackalloc byte[PathMax];
        stat = default;
        if (!TryEncode(prefix, path, encoded, out var heapEncoded)) return false;
        Stat result;
        int rc;
        fixed (byte* p = heapEncoded ?? encoded) rc = statCall(p, &result);
        stat = result;
        return rc == 0;
    }

    /// <summary>The target of the symlink at <paramref name="prefix"/> followed by <paramref name="path"/>, or null when it is not a symlink or cannot be read.</summary>
    public static string? ReadLink(ReadOnlySpan<char> prefix, ReadOnlySpan<char> path)
    {
        Span<byte> encoded = stackalloc byte[PathMax];
        if (!TryEncode(prefix, path, encoded, out var heapEncoded)) return null;
        Span<byte> target = stackalloc byte[PathMax];
        long length;
        fixed (byte* p = heapEncoded ?? encoded)
        fixed (byte* t = target)
            length = NativeReadLink(p, t, (ulong)target.Length);
        if (length < 0 || length >= target.Length) return null;
        var bytes = target[..(int)length];
        return Ascii.IsValid(bytes) ? Encoding.ASCII.GetString(bytes) : UnixEncoding.Instance.GetString(bytes.ToArray());
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
