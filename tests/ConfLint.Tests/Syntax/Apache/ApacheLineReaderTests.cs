using ConfLint.Syntax.Apache;
using ConfLint.Text;
using Xunit;

namespace ConfLint.Tests.Syntax.Apache;

public class ApacheLineReaderTests
{
    private static IReadOnlyList<ApacheLogicalLine> Read(string text) => ApacheLineReader.Read(SourceText.From(text, "/t.conf"));

    [Fact]
    public void Backslash_before_newline_joins_the_next_line_without_a_space_keeping_its_leading_spaces()
    {
        var lines = Read("ServerName ab\\\n  cd\nNext x\n");
        Assert.Equal(2, lines.Count);
        Assert.Equal("ServerName ab  cd", lines[0].Text);
        Assert.Equal(1, lines[0].FirstLine);
        Assert.Equal(2, lines[0].LastLine);
        Assert.Equal("Next x", lines[1].Text);
        Assert.Equal(3, lines[1].FirstLine);
    }

    [Fact]
    public void Backslash_followed_by_a_space_does_not_continue()
    {
        var lines = Read("A b\\ \nC d\n");
        Assert.Equal(new[] { "A b\\", "C d" }, lines.Select(l => l.Text));
    }

    [Fact]
    public void Crlf_continuation_removes_backslash_cr_and_lf()
    {
        var lines = Read("A b\\\r\nc\r\nD\r\n");
        Assert.Equal(new[] { "A bc", "D" }, lines.Select(l => l.Text));
    }

    [Fact]
    public void A_comment_ending_in_backslash_swallows_the_next_line()
    {
        var lines = Read("# comment \\\nServerName x\nListen 80\n");
        Assert.Equal(2, lines.Count);
        Assert.True(lines[0].IsComment);
        Assert.Equal("# comment ServerName x", lines[0].Text);
        Assert.Equal("Listen 80", lines[1].Text);
    }

    [Fact]
    public void Lines_are_trimmed_and_blank_lines_are_blank()
    {
        var lines = Read("   \t Listen 80 \t \n\n   \n\t# c\n");
        Assert.Equal("Listen 80", lines[0].Text);
        Assert.True(lines[1].IsBlank);
        Assert.True(lines[2].IsBlank);
        Assert.True(lines[3].IsComment);
    }

    [Fact]
    public void Last_line_without_newline_keeps_its_backslash()
    {
        var lines = Read("A b\\");
        Assert.Single(lines);
        Assert.Equal("A b\\", lines[0].Text);
    }

    [Fact]
    public void Continuation_on_the_last_line_ends_at_end_of_file()
    {
        var lines = Read("A b\\\n");
        Assert.Single(lines);
        Assert.Equal("A b", lines[0].Text);
    }

    [Fact]
    public void Text_offsets_map_back_to_the_file_across_continuation_lines()
    {
        var source = SourceText.From("  Foo a\\\n   bc\n", "/t.conf");
        var line = ApacheLineReader.Read(source)[0];
        Assert.Equal("Foo a   bc", line.Text);
        int b = line.Text.IndexOf('b');
        var span = line.ToSourceSpan(b, b + 2);
        Assert.Equal("bc", source.ToString(span));
        Assert.Equal(2, source.GetLinePosition(span.Start).Line);
        Assert.Equal("Foo", source.ToString(line.ToSourceSpan(0, 3)));
    }

    [Fact]
    public void Empty_file_has_no_lines() => Assert.Empty(Read(""));
}
