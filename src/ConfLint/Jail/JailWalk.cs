using System.Collections;

namespace ConfLint.Jail;

/// <summary>What a path inside a jail is, as a walk of the jail saw it.</summary>
public enum JailPathAnswer
{
    /// <summary>The walk cannot say: it is incomplete, or the path leaves the jail or crosses a symlink.</summary>
    Unknown,

    /// <summary>Nothing is there: a directory on the way was read whole and does not hold the next name, or a file stands where a directory should.</summary>
    Missing,

    /// <summary>A directory is there.</summary>
    Directory,

    /// <summary>Something other than a directory or a symlink is there (a file, a device, a FIFO, a socket).</summary>
    NotDirectory,
}

/// <summary>
/// Every entry of one jail as lstat(2) saw it, the root first, depth first with each directory's names in byte order
/// (see <see cref="JailInspector.Walk"/>). A complete walk (every directory read, nothing cut off) also answers
/// whether a path inside the jail exists without asking the kernel again: the order makes it searchable.
/// </summary>
public sealed class JailWalk : IReadOnlyList<JailFileInfo>
{
    private readonly JailFileInfo[] _entries;

    internal JailWalk(JailFileInfo[] entries, bool complete)
    {
        _entries = entries;
        Complete = complete;
    }

    /// <summary>Whether every directory of the jail was read and no entry was left out.</summary>
    public bool Complete { get; }

    public int Count => _entries.Length;

    public JailFileInfo this[int index] => _entries[index];

    /// <summary>The entries in walk order; a foreach over the walk itself takes this enumerator unboxed.</summary>
    public Enumerator GetEnumerator() => new(_entries);

    /// <summary>The walk's entries in order, without an enumerator on the heap.</summary>
    public struct Enumerator
    {
        private readonly JailFileInfo[] _entries;
        private int _index;

        internal Enumerator(JailFileInfo[] entries)
        {
            _entries = entries;
            _index = -1;
        }

        public bool MoveNext() => ++_index < _entries.Length;

        public readonly JailFileInfo Current => _entries[_index];
    }

    IEnumerator<JailFileInfo> IEnumerable<JailFileInfo>.GetEnumerator() => ((IEnumerable<JailFileInfo>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    /// <summary>
    /// What stat(2) (symlinks followed) would find at a normalised in-jail path, when the walk can tell: each
    /// component is looked up in the walk, and a symlink on the way, or as the last component, is left to the kernel.
    /// </summary>
    public JailPathAnswer Probe(ReadOnlySpan<char> pathInJail) => Look(pathInJail, out _);

    /// <summary>The entry at a normalised in-jail path when it is there and no symlink lies on the way or at its end: the path then resolves to itself.</summary>
    internal JailFileInfo? EntryAt(ReadOnlySpan<char> pathInJail) => Look(pathInJail, out var entry) is JailPathAnswer.Directory or JailPathAnswer.NotDirectory ? entry : null;

    private JailPathAnswer Look(ReadOnlySpan<char> pathInJail, out JailFileInfo? found)
    {
        found = null;
        if (!Complete || _entries.Length == 0 || _entries[0].Kind != JailFileKind.Directory || pathInJail.Length == 0 || pathInJail[0] != '/')
            return JailPathAnswer.Unknown;
        if (pathInJail is "/")
        {
            found = _entries[0];
            return JailPathAnswer.Directory;
        }
        for (int start = 1; ;)
        {
            int next = pathInJail[start..].IndexOf('/');
            int slash = next < 0 ? -1 : start + next;
            var component = slash < 0 ? pathInJail : pathInJail[..slash];
            // The directory above was read whole, so a name it does not hold is not there.
            if (Find(component) is not { } entry || entry.Kind == JailFileKind.Missing) return JailPathAnswer.Missing;
            if (entry.Kind == JailFileKind.Symlink) return JailPathAnswer.Unknown;
            if (slash < 0)
            {
                found = entry;
                return entry.Kind == JailFileKind.Directory ? JailPathAnswer.Directory : JailPathAnswer.NotDirectory;
            }
            if (entry.Kind != JailFileKind.Directory) return JailPathAnswer.Missing;
            start = slash + 1;
        }
    }

    // Binary search in walk order: paths compare as their component sequences do, which is ordinal order with '/'
    // below every other character (a directory comes before its entries, and its entries before its next sibling).
    /// <summary>The entry the walk made for exactly this in-jail path, or null (a binary search in walk order).</summary>
    internal JailFileInfo? Find(ReadOnlySpan<char> path)
    {
        int low = 0, high = _entries.Length - 1;
        while (low <= high)
        {
            int middle = low + (high - low) / 2;
            int order = ComparePaths(_entries[middle].PathInJail, path);
            if (order == 0) return _entries[middle];
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }
        return null;
    }

    internal static int ComparePaths(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int common = a.CommonPrefixLength(b);
        if (common == a.Length || common == b.Length) return a.Length.CompareTo(b.Length);
        char x = a[common], y = b[common];
        if (x == '/') return -1;
        if (y == '/') return 1;
        return x.CompareTo(y);
    }
}
