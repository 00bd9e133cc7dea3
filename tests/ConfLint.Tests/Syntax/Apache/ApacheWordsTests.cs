using ConfLint.Syntax.Apache;
using Xunit;

namespace ConfLint.Tests.Syntax.Apache;

public class ApacheWordsTests
{
    private static string[] Words(string line) => ApacheWords.SplitConf(line).Select(w => w.Value).ToArray();

    [Theory]
    [InlineData("a b\tc", new[] { "a", "b", "c" })]
    [InlineData("\"a b\" c", new[] { "a b", "c" })]
    [InlineData("'a b' c", new[] { "a b", "c" })]
    [InlineData("\"a \\\"b\\\" c\"", new[] { "a \"b\" c" })]
    [InlineData("'it\\'s'", new[] { "it's" })]
    [InlineData("\"it\\'s\"", new[] { "it\\'s" })]
    [InlineData("x\\\\y\\z", new[] { "x\\y\\z" })]
    [InlineData("\"c\\\\d\\e\"", new[] { "c\\d\\e" })]
    [InlineData("\"unclosed  x", new[] { "unclosed  x" })]
    [InlineData("\"a\"b", new[] { "a", "b" })]
    [InlineData("a\"b c\"", new[] { "a\"b", "c\"" })]
    [InlineData("\"\"", new[] { "" })]
    [InlineData("   ", new string[0])]
    public void Getword_conf_splits_like_httpd(string line, string[] expected) => Assert.Equal(expected, Words(line));

    [Fact]
    public void Word_spans_cover_the_raw_text_with_quotes()
    {
        var words = ApacheWords.SplitConf("Header set \"X a\" y");
        Assert.Equal(11, words[2].Start);
        Assert.Equal(16, words[2].End);
        Assert.Equal('"', words[2].Quote);
    }

    [Fact]
    public void Rewrite_args_take_quotes_only_as_delimiters()
    {
        var args = ApacheRewriteArgs.Parse("\"^a\\\"b\" c");
        Assert.Equal("^a\\", args.Words[0].Value);
        Assert.False(args.IsBadArgLine);
    }

    [Fact]
    public void Rewrite_args_keep_an_escaped_space_with_its_backslash()
    {
        var args = ApacheRewriteArgs.Parse("^a\\ b$ /x [L]");
        Assert.Equal(new[] { "^a\\ b$", "/x", "[L]" }, args.Words.Select(w => w.Value));
    }

    [Fact]
    public void Rewrite_args_ignore_text_after_the_third_argument()
    {
        var text = "^/old /new [R=301,L] # moved";
        var args = ApacheRewriteArgs.Parse(text);
        Assert.Equal(3, args.Words.Length);
        Assert.Equal(text.IndexOf('#'), args.IgnoredTailStart);
    }

    [Fact]
    public void Rewrite_args_with_one_word_are_a_bad_arg_line()
    {
        Assert.True(ApacheRewriteArgs.Parse("^a").IsBadArgLine);
        Assert.True(ApacheRewriteArgs.Parse("^a   ").IsBadArgLine);
        Assert.False(ApacheRewriteArgs.Parse("^a b").IsBadArgLine);
        Assert.Null(ApacheRewriteArgs.Parse("^a b").IgnoredTailStart);
    }

    [Theory]
    [InlineData("${A}/x", "1/x")]
    [InlineData("'${A}'", "'1'")]
    [InlineData("${NOPE}x", "${NOPE}x")]
    [InlineData("${A${B}}", "${A${B}}")]
    [InlineData("$A ${", "$A ${")]
    [InlineData("${S}", "a b")]
    public void Env_expansion_follows_ap_resolve_env(string text, string expected)
    {
        var vars = new Dictionary<string, string> { ["A"] = "1", ["S"] = "a b" };
        Assert.Equal(expected, ApacheEnv.Resolve(text, n => vars.GetValueOrDefault(n)).Text);
    }

    [Fact]
    public void Undefined_variables_are_reported_with_their_position()
    {
        var r = ApacheEnv.Resolve("x ${NOPE} ${a:b}", _ => null);
        Assert.Equal(new[] { "NOPE", "a:b" }, r.Undefined.Select(u => u.Name));
        Assert.Equal(2, r.Undefined[0].Start);
        Assert.Equal(9, r.Undefined[0].End);
    }

    [Theory]
    [InlineData("*.conf", "a.conf", true)]
    [InlineData("*.conf", ".a.conf", false)]
    [InlineData(".*", ".hidden", true)]
    [InlineData("*", "x", true)]
    [InlineData("?.load", "a.load", true)]
    [InlineData("[ab]*", "b1", true)]
    [InlineData("[!ab]*", "b1", false)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("a\\*", "a*", true)]
    [InlineData("a\\*", "ab", false)]
    public void Fnmatch_uses_period_semantics(string pattern, string name, bool expected) =>
        Assert.Equal(expected, ApacheFnmatch.Match(pattern, name));

    [Theory]
    [InlineData("/etc/*.conf", true)]
    [InlineData("/etc/a?.conf", true)]
    [InlineData("/etc/[ab].conf", true)]
    [InlineData("/etc/[ab.conf", false)]
    [InlineData("/etc/a\\*.conf", false)]
    [InlineData("/etc/a.conf", false)]
    public void Fnmatch_test_detects_wildcards(string pattern, bool expected) => Assert.Equal(expected, ApacheFnmatch.IsPattern(pattern));
}
