using ConfLint.Text;
using Xunit;

namespace ConfLint.Tests.Text;

public class SourceTextTests
{
    [Fact]
    public void Invalid_utf8_bytes_keep_their_columns()
    {
        // 'a', an invalid lead byte, a lone continuation byte, 'b' on line 1; 'c' on line 2.
        var text = SourceText.From(new byte[] { (byte)'a', 0xC3, 0x80 - 0x40, (byte)'b', (byte)'\n', (byte)'c' }, "f");
        Assert.Equal("a\uFFFD\u0040b\nc".Replace("\u0040", "@"), text.Text);
        Assert.Equal(new LinePosition(1, 4), text.GetLinePosition(3));
        Assert.Equal(new LinePosition(2, 1), text.GetLinePosition(5));
        Assert.Single(text.InvalidUtf8Offsets);
    }

    [Fact]
    public void Each_invalid_byte_becomes_one_replacement_character()
    {
        var text = SourceText.From(new byte[] { 0xFF, 0xFE, (byte)'x' }, "f");
        Assert.Equal("\uFFFD\uFFFDx", text.Text);
        Assert.Equal(3, text.GetLinePosition(2).Column);
    }

    [Fact]
    public void Crlf_lines_exclude_the_carriage_return()
    {
        var text = SourceText.From("one\r\ntwo\r\n", "f");
        Assert.Equal("one", text.GetLineText(1));
        Assert.Equal("two", text.GetLineText(2));
        Assert.Equal(3, text.LineCount);
    }

    [Fact]
    public void Bom_is_noted_and_not_part_of_the_text()
    {
        var text = SourceText.From(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'k' }, "f");
        Assert.True(text.HadUtf8Bom);
        Assert.Equal("k", text.Text);
    }
}
