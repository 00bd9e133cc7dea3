using Xunit;
using static ConfLint.Tests.Analyzers.Apache.DirectiveRuleHarness;

namespace ConfLint.Tests.Analyzers.Apache;

public class CL1005ArgumentsMustFitDirectiveTests
{
    [Fact]
    public void Take1_with_two_words()
    {
        var d = Assert.Single(Only("CL1005", WithModules("ServerName a b\n")));
        Assert.StartsWith("ServerName takes one argument, The hostname and port of the server", d.Message);
        Assert.Equal(12, d.Location.Column);
    }

    [Fact]
    public void Action_third_word_must_be_virtual()
    {
        var d = Assert.Single(Only("CL1005", WithModules("Action php-script /cgi-bin/php virtuel\n", "actions")));
        Assert.StartsWith("unrecognized option 'virtuel'", d.Message);
        Assert.Empty(Only("CL1005", WithModules("Action php-script /cgi-bin/php virtual\n", "actions")));
        Assert.Single(Only("CL1005", WithModules("Action php-script\n", "actions")));
    }

    [Fact]
    public void Flag_must_be_On_or_Off()
    {
        var d = Assert.Single(Only("CL1005", WithModules("RewriteEngine yes\n", "rewrite")));
        Assert.Equal("RewriteEngine must be On or Off", d.Message);
    }

    [Fact]
    public void Trailing_comment_is_CL1011_s_not_CL1005_s()
    {
        var all = Lint(WithModules("ServerName localhost # main name\n"));
        Assert.DoesNotContain(all, d => d.Id == "CL1005");
        var c = Assert.Single(all, d => d.Id == "CL1011");
        Assert.Equal(ConfLint.Diagnostics.Severity.Error, c.Severity);
    }

    [Fact]
    public void A_context_error_comes_first_on_its_line()
    {
        var all = Lint(WithModules("<Directory /srv>\nServerName a b\n</Directory>\n"));
        Assert.Contains(all, d => d.Id == "CL1004");
        Assert.DoesNotContain(all, d => d.Id == "CL1005");
    }

    [Fact]
    public void Variables_are_expanded_before_counting()
    {
        Assert.Single(Only("CL1005", WithModules("Define NAMES \"a b\"\nServerName ${NAMES}\n")));
    }
}
