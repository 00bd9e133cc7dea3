using CsCheck;
using ConfLint.Reporting;
using Xunit;

namespace ConfLint.Tests.Reporting;

public class SourceLineRendererTests
{
    // Characters that each move a terminal's cursor differently: plain, tab, non-ASCII,
    // a surrogate pair, escape and carriage return (both shown as U+FFFD).
    private static readonly Gen<string> LineText = Gen.Int[0, 5].Select(i => new[] { "a", "\t", "é", "😀", "\u001b", "\r" }[i]).Array[0, 12]
        .Select(parts => string.Concat(parts));

    [Fact]
    public void Caret_sits_where_the_rendered_text_before_it_ends()
    {
        Gen.Select(LineText, Gen.Int[0, 30], Gen.Int[0, 30]).Sample((line, a, b) =>
        {
            var rendered = SourceLineRenderer.Render(line);
            int start = Math.Min(a, b) + 1, end = Math.Max(a, b) + 1;
            // Columns start at a code unit boundary that is not inside a surrogate pair.
            if (start - 1 < line.Length && start > 1 && char.IsLowSurrogate(line[start - 1])) start--;
            var underline = SourceLineRenderer.Underline(rendered, start, end);

            int prefixLength = Math.Min(start - 1, line.Length);
            int prefixWidth = SourceLineRenderer.Render(line[..prefixLength]).Display.EnumerateRunes().Count()
                + Math.Max(0, start - 1 - line.Length);
            Assert.Equal(prefixWidth, underline.IndexOf('^'));
            Assert.True(underline.Length > underline.IndexOf('^'));
            Assert.DoesNotContain(rendered.Display, c => char.IsControl(c));
        });
    }

    [Fact]
    public void Tabs_advance_to_the_next_multiple_of_eight()
    {
        Assert.Equal("ab      c", SourceLineRenderer.Render("ab\tc").Display);
        Assert.Equal("        x", SourceLineRenderer.Render("\tx").Display);
        Assert.Equal("12345678        x", SourceLineRenderer.Render("12345678\tx").Display);
    }
}
