using ConfLint.Text;
using Xunit;

namespace ConfLint.Tests.Text;

public sealed class ParsedTextsTests
{
    [Fact]
    public void A_text_is_parsed_once_until_the_bound_and_long_texts_are_not_kept()
    {
        int parses = 0;
        var cache = new ParsedTexts<object>(maxEntries: 2, maxTextLength: 10);
        object Parse() { Interlocked.Increment(ref parses); return new object(); }

        var a = cache.GetOrParse("a = 1", Parse);
        Assert.Same(a, cache.GetOrParse(string.Concat("a = ", "1"), Parse)); // equal text, another string
        cache.GetOrParse("b = 2", Parse);
        Assert.Equal(2, parses);
        Assert.NotSame(cache.GetOrParse("c = 3", Parse), cache.GetOrParse("c = 3", Parse)); // past the bound: parsed each time
        Assert.NotSame(cache.GetOrParse("long text here", Parse), cache.GetOrParse("long text here", Parse));
        Assert.Equal(6, parses);
    }

    [Fact]
    public void Threads_asking_for_one_text_get_one_parse_kept()
    {
        var cache = new ParsedTexts<object>(maxEntries: 100, maxTextLength: 100);
        var seen = new System.Collections.Concurrent.ConcurrentBag<object>();
        Parallel.For(0, 64, _ => seen.Add(cache.GetOrParse("shared", () => new object())));
        var kept = cache.GetOrParse("shared", () => new object());
        // A thread that lost the race to add may return its own parse, but every later ask gets the one kept.
        Assert.Contains(kept, seen);
        Assert.Same(kept, cache.GetOrParse("shared", () => new object()));
    }
}
