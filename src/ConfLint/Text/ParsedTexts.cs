using System.Collections.Concurrent;

namespace ConfLint.Text;

/// <summary>
/// What a parser made of a text, kept by the text: a host's jails hold many copies of one php.ini or one php-wrapper,
/// and each is parsed once. Bounded, because it lives as long as the process (a test run reads thousands of texts):
/// past the bound, texts are parsed as they come. Safe to share between threads; a text parsed twice at once keeps one.
/// </summary>
public sealed class ParsedTexts<T>(int maxEntries, int maxTextLength) where T : class
{
    private readonly ConcurrentDictionary<string, T> _parsed = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>The parse of <paramref name="text"/>, made by <paramref name="parse"/> when the text was not seen yet.</summary>
    public T GetOrParse(string text, Func<T> parse)
    {
        if (text.Length > maxTextLength) return parse();
        if (_parsed.TryGetValue(text, out var known)) return known;
        var made = parse();
        if (Volatile.Read(ref _count) >= maxEntries) return made;
        if (_parsed.TryAdd(text, made))
        {
            Interlocked.Increment(ref _count);
            return made;
        }
        return _parsed.TryGetValue(text, out known) ? known : made;
    }
}
