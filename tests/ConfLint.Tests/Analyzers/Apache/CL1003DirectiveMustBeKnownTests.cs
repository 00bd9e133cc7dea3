using Xunit;
using static ConfLint.Tests.Analyzers.Apache.DirectiveRuleHarness;

namespace ConfLint.Tests.Analyzers.Apache;

public class CL1003DirectiveMustBeKnownTests
{
    [Fact]
    public void Misspelled_directive_gets_httpd_s_message_and_the_nearest_name()
    {
        var d = Assert.Single(Only("CL1003", WithModules("ServerNme localhost\n")));
        Assert.StartsWith("Invalid command 'ServerNme', perhaps misspelled or defined by a module not included in the server configuration", d.Message);
        Assert.Contains("did you mean 'ServerName'", d.Message);
        Assert.Equal(2, d.Location.Line);
        Assert.Equal(1, d.Location.Column);
        Assert.Equal(10, d.Location.EndColumn);
    }

    [Fact]
    public void Suggestion_names_the_module_when_it_is_not_loaded()
    {
        var d = Assert.Single(Only("CL1003", WithModules("RewriteEngin on\n")));
        Assert.Contains("'RewriteEngine' (defined by mod_rewrite.c, rewrite_module, not loaded)", d.Message);
    }

    [Fact]
    public void Names_are_case_insensitive()
    {
        Assert.Empty(Only("CL1003", WithModules("servername localhost\nSERVERADMIN a@b\n")));
    }

    [Fact]
    public void Inactive_blocks_are_not_judged()
    {
        Assert.Empty(Only("CL1003", WithModules("<IfModule mod_nothing.c>\nNoSuchDirective x\n</IfModule>\n")));
        Assert.Single(Only("CL1003", WithModules("<IfModule !mod_nothing.c>\nNoSuchDirective x\n</IfModule>\n")));
    }

    [Fact]
    public void Unknown_section_is_an_invalid_command()
    {
        var d = Assert.Single(Only("CL1003", WithModules("<Directroy /x>\n</Directroy>\n")));
        Assert.StartsWith("Invalid command '<Directroy'", d.Message);
        Assert.Contains("'<Directory'", d.Message);
    }

    [Fact]
    public void In_htaccess_an_unknown_directive_fails_every_request()
    {
        var d = Assert.Single(Only("CL1003", "RewriteEngien On\n", htaccess: true));
        Assert.Contains("500", d.Message);
    }

    [Fact]
    public void Reported_in_the_walk_phase()
    {
        var d = Assert.Single(Only("CL1003", WithModules("Foo\n")));
        Assert.True(d.EngineOrder >= ConfLint.Syntax.Apache.ApacheEngineOrder.PhaseSize);
    }
}
