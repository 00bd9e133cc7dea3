using ConfLint.Syntax.Apache;
using Xunit;

namespace ConfLint.Tests.Syntax.Apache;

public class ApacheArgumentCheckTests
{
    private static string? Check(string name, params string[] words) =>
        ApacheArgumentCheck.Check(ApacheDirectiveDictionary.Httpd24.Lookup(name)[0], words);

    [Fact]
    public void Take1_gives_httpd_s_message_with_the_directive_description()
    {
        Assert.Equal("ServerName takes one argument, The hostname and port of the server", Check("ServerName"));
        Assert.Equal("ServerName takes one argument, The hostname and port of the server", Check("ServerName", "a", "#", "c"));
        Assert.Null(Check("ServerName", "a"));
    }

    [Fact]
    public void An_empty_quoted_first_word_counts_as_missing()
    {
        Assert.NotNull(Check("ServerName", ""));
    }

    [Fact]
    public void Action_takes_two_or_three_and_the_third_must_be_virtual()
    {
        Assert.StartsWith("Action takes two or three arguments", Check("Action", "x"));
        Assert.Null(Check("Action", "x", "/y"));
        Assert.Null(Check("Action", "x", "/y", "virtual"));
        Assert.Equal("unrecognized option 'foo'", Check("Action", "x", "/y", "foo"));
        Assert.NotNull(Check("Action", "x", "/y", "virtual", "z"));
    }

    [Fact]
    public void Flag_must_be_on_or_off_and_ignores_later_words()
    {
        Assert.Equal("RewriteEngine must be On or Off", Check("RewriteEngine", "yes"));
        Assert.Equal("RewriteEngine must be On or Off", Check("RewriteEngine"));
        Assert.Null(Check("RewriteEngine", "oN"));
        Assert.Null(Check("RewriteEngine", "on", "#", "comment"));
    }

    [Fact]
    public void Iterate2_needs_two()
    {
        Assert.StartsWith("AddHandler requires at least two arguments", Check("AddHandler", "php-script"));
        Assert.Null(Check("AddHandler", "php-script", ".php", ".phtml"));
    }

    [Fact]
    public void Raw_args_are_not_counted()
    {
        Assert.Null(Check("RewriteRule"));
        Assert.Null(Check("Options", "a", "b", "c", "d", "e"));
    }
}
