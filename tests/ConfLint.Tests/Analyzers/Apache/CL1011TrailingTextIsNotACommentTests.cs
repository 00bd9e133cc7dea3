using Xunit;

namespace ConfLint.Tests.Analyzers.Apache;

public class CL1011TrailingTextIsNotACommentTests
{
    [Fact]
    public void Trailing_hash_is_reported_from_the_hash_to_the_end_of_line()
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint("ServerName localhost # main name\n").Only("CL1011"));
        Assert.Equal(22, d.Location.Column);
        Assert.Equal(33, d.Location.EndColumn);
        Assert.Contains("3 more arguments", d.Message);
        Assert.NotNull(d.EngineOrder);
    }

    [Fact]
    public void Quoted_hashes_and_hashes_inside_words_are_fine()
    {
        Assert.Empty(ApacheRuleTestKit.Lint("Header set X \"# not a comment\"\nRedirect /a http://x/#frag\n").Only("CL1011"));
    }

    [Fact]
    public void RewriteRule_text_after_the_third_argument_is_ignored_silently()
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint("RewriteRule ^a$ /b [L] # moved\n").Only("CL1011"));
        Assert.Contains("ignores text after the third argument", d.Message);
    }

    [Fact]
    public void Inactive_blocks_are_not_judged()
    {
        Assert.Empty(ApacheRuleTestKit.Lint("<IfModule nope>\nServerName a # b\n</IfModule>\n").Only("CL1011"));
    }

    [Fact]
    public void Doc_examples() => ApacheRuleTestKit.AssertDocExamples("CL1011");
}
