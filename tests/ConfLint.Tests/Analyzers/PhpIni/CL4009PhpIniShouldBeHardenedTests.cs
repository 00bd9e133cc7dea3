using Xunit;

namespace ConfLint.Tests.Analyzers.PhpIni;

public sealed class CL4009PhpIniShouldBeHardenedTests
{
    private const string Hardened = "expose_php = Off\ndisplay_errors = Off\nallow_url_include = Off\ndisable_functions = exec,system,passthru,shell_exec,proc_open,popen\n";

    [Fact]
    public void Hardened_file_is_quiet()
    {
        Assert.Empty(PhpIniLint.Of("CL4009", Hardened));
    }

    [Theory]
    [InlineData("expose_php = On", "expose_php")]
    [InlineData("display_errors = On", "display_errors")]
    [InlineData("display_errors = stdout", "display_errors")]
    [InlineData("allow_url_include = 1", "allow_url_include")]
    public void Each_risky_directive_fires_once_at_its_line(string line, string name)
    {
        var d = Assert.Single(PhpIniLint.Of("CL4009", Hardened + line + "\n"));
        Assert.Equal(5, d.Location.Line);
        Assert.Contains(name, d.Message);
    }

    [Fact]
    public void Only_the_effective_value_counts()
    {
        Assert.Empty(PhpIniLint.Of("CL4009", "display_errors = On\n" + Hardened));
    }

    [Fact]
    public void Incomplete_disable_functions_lists_what_is_missing()
    {
        var d = Assert.Single(PhpIniLint.Of("CL4009", "expose_php = Off\ndisable_functions = exec, system\n"));
        Assert.Contains("passthru, shell_exec, proc_open, popen", d.Message);
        Assert.Equal(2, d.Location.Line);
    }

    [Fact]
    public void Missing_disable_functions_fires_once_for_a_main_php_ini_only()
    {
        Assert.Single(PhpIniLint.Of("CL4009", "expose_php = Off\n"));
        Assert.Empty(PhpIniLint.Of("CL4009", "extension=mysqli\n", "/etc/php/8.2/cgi/conf.d/20-mysqli.ini"));
        Assert.Empty(PhpIniLint.Of("CL4009", "memory_limit = 1G\n", "/www/h/o/host.example.com/html/.user.ini"));
    }
}
