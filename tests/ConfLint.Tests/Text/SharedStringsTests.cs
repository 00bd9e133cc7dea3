using ConfLint.Text;
using Xunit;

namespace ConfLint.Tests.Text;

public sealed class SharedStringsTests
{
    [Fact]
    public void Equal_texts_share_one_string_and_every_text_comes_back_as_itself()
    {
        var first = SharedStrings.Get("/srv/www/00/site0.example.com/html".AsSpan());
        var again = SharedStrings.Get(new string("/srv/www/00/site0.example.com/html".ToCharArray()).AsSpan());
        Assert.Same(first, again);
        // Many more texts than the table has slots: whatever they evict, each lookup answers with its own text.
        for (int i = 0; i < 100_000; i++)
        {
            var text = $"/srv/www/{i % 100:00}/site{i}.example.com/{(i % 3 == 0 ? "cgi/php-wrapper" : "etc/php.ini")}";
            Assert.Equal(text, SharedStrings.Get(text.AsSpan()));
        }
        Assert.Equal("", SharedStrings.Get(ReadOnlySpan<char>.Empty));
    }

    [Fact]
    public void Paths_that_differ_in_one_character_spread_over_the_table()
    {
        // A host's texts are alike: the same path with another site number, one byte longer or shorter. A hash that
        // lets them pile up in a few slots makes the table useless (and a constant or length-only hash fails here).
        var slots = new HashSet<int>();
        for (int i = 0; i < 4096; i++) slots.Add(SharedStrings.Hash($"/srv/www/{i % 100:00}/site{i}.example.com/html") & ((1 << 14) - 1));
        Assert.True(slots.Count > 3000, $"{slots.Count} slots for 4,096 paths");
        var lengths = new HashSet<int>();
        for (int n = 1; n <= 64; n++) lengths.Add(SharedStrings.Hash(new string('a', n)) & ((1 << 14) - 1));
        Assert.True(lengths.Count > 60, $"{lengths.Count} slots for 64 lengths");
    }

    [Fact]
    public void A_path_joined_from_its_directory_and_name_is_the_shared_one()
    {
        var first = SharedStrings.GetPath("/usr/bin", "php-cgi");
        Assert.Equal("/usr/bin/php-cgi", first);
        Assert.Same(first, SharedStrings.GetPath("/usr/bin".AsSpan(), "php-cgi".AsSpan()));
        Assert.Same(first, SharedStrings.Get("/usr/bin/php-cgi".AsSpan()));
        // Longer than the table takes: joined all the same.
        var deep = string.Concat(Enumerable.Repeat("/d", 300));
        Assert.Equal(deep + "/x", SharedStrings.GetPath(deep, "x"));
        Assert.Equal("/x", SharedStrings.GetPath("", "x"));
    }
}
