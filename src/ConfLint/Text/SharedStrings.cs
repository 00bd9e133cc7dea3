using System.Text;

namespace ConfLint.Text;

/// <summary>
/// One shared instance of the short strings the front ends make over and over: directive and
/// section names, `/bin/sh`, `PHP_FCGI_CHILDREN`, `/html:/tmp`, the same diagnostic message for a
/// thousand php.ini files. A host of 10,000 sites holds millions of such strings; most are copies.
/// Like Roslyn's StringTable it is lossy: a fixed table indexed by hash where a newer string
/// replaces an older one, so it costs a bounded amount of memory and needs no eviction. Each
/// thread has its own table, so it needs no lock.
/// </summary>
public static class SharedStrings
{
    private const int TableSize = 1 << 14;

    /// <summary>Texts longer than this are rarely repeated (a whole file, a unique line) and are not looked up.</summary>
    public const int MaxLength = 512;

    [ThreadStatic]
    private static string?[]? t_table;

    /// <summary>The shared string equal to <paramref name="text"/>, made when it is not in the table.</summary>
    public static string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return "";
        if (text.Length > MaxLength) return text.ToString();
        ref var slot = ref Slot(text);
        if (slot is not null && text.SequenceEqual(slot)) return slot;
        return slot = text.ToString();
    }

    /// <summary>The shared string equal to <paramref name="text"/>; <paramref name="text"/> itself when it is not in the table yet.</summary>
    public static string Get(string text)
    {
        if (text.Length == 0) return "";
        if (text.Length > MaxLength) return text;
        ref var slot = ref Slot(text);
        if (slot is not null && string.Equals(slot, text, StringComparison.Ordinal)) return slot;
        return slot = text;
    }

    /// <summary>
    /// The shared string of <paramref name="directory"/>, a slash and <paramref name="name"/>, joined on the stack: paths
    /// that repeat from jail to jail ("/etc/php.ini", "/usr/bin/php-cgi") make no new string once held.
    /// </summary>
    public static string GetPath(ReadOnlySpan<char> directory, ReadOnlySpan<char> name)
    {
        int length = directory.Length + 1 + name.Length;
        if (length > MaxLength) return string.Concat(directory, "/", name);
        Span<char> buffer = stackalloc char[MaxLength];
        directory.CopyTo(buffer);
        buffer[directory.Length] = '/';
        name.CopyTo(buffer[(directory.Length + 1)..]);
        return Get(buffer[..length]);
    }

    /// <summary>The shared string equal to what <paramref name="builder"/> holds.</summary>
    public static string Get(StringBuilder builder)
    {
        if (builder.Length == 0) return "";
        if (builder.Length > MaxLength) return builder.ToString();
        Span<char> buffer = stackalloc char[MaxLength];
        builder.CopyTo(0, buffer, builder.Length);
        return Get(buffer[..builder.Length]);
    }

    private static ref string? Slot(ReadOnlySpan<char> text)
    {
        var table = t_table ??= new string?[TableSize];
        return ref table[Hash(text) & (TableSize - 1)];
    }

    // A table slot's hash: four characters (eight bytes) per step, multiplied and mixed, then folded. The runtime's string
    // hash (Marvin, seeded per process) is built to resist chosen collisions; a lossy cache need not, since a collision
    // only makes a copy, and Marvin took a third of the lookup's time. Two different texts of equal hash simply take turns.
    internal static int Hash(ReadOnlySpan<char> text)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15; // 2^64 / golden ratio
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(text);
        ulong hash = (ulong)text.Length * Multiplier;
        int i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
            hash = (hash ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..])) * Multiplier;
        if (i < bytes.Length)
        {
            ulong tail = 0;
            for (int shift = 0; i < bytes.Length; i++, shift += 8) tail |= (ulong)bytes[i] << shift;
            hash = (hash ^ tail) * Multiplier;
        }
        return (int)(hash >> 32 ^ hash >> 15);
    }
}
