using Xunit;

namespace ConfLint.Tests.Analyzers.PhpIni;

public sealed class CL4003PhpIniDirectiveMustBeKnownTests
{
    [Fact]
    public void Misspelt_directive_gets_nearest_name()
    {
        var d = Assert.Single(PhpIniLint.Of("CL4003", "cgi.fix_path_info = 0\n"));
        Assert.Contains("did you mean 'cgi.fix_pathinfo'", d.Message);
        Assert.Equal(1, d.Location.Column);
        Assert.Equal(18, d.Location.EndColumn);
    }

    [Theory]
    [InlineData("memory_limt = 1G", "memory_limit")]
    [InlineData("Display_Errors = Off", "display_errors")]
    [InlineData("opcache.enabled = 1", "opcache.enable")]
    public void Typos_suggest_the_directive(string line, string expected)
    {
        Assert.Contains($"'{expected}'", Assert.Single(PhpIniLint.Of("CL4003", line)).Message);
    }

    [Theory]
    [InlineData("mysqli.allow_persistent = On")]
    [InlineData("apc.shm_size = 64M")]
    [InlineData("xdebug.mode = debug")]
    [InlineData("cgi.fix_pathinfo = 0")]
    [InlineData("session.save_path = \"/tmp\"")]
    [InlineData("extension = mysqli")]
    [InlineData("zend_extension = opcache")]
    public void Directives_of_php_and_its_extensions_are_known(string line)
    {
        Assert.Empty(PhpIniLint.Of("CL4003", line));
    }

    [Theory]
    [InlineData("safe_mode = On", "5.4")]
    [InlineData("register_globals = Off", "5.4")]
    [InlineData("eaccelerator.shm_size = 16", "eaccelerator")]
    public void Legacy_directives_are_reported_with_their_removal(string line, string expected)
    {
        var d = Assert.Single(PhpIniLint.Of("CL4003", line));
        Assert.Contains(expected, d.Message);
        Assert.Contains("not read by PHP 8.2", d.Message);
    }
}
