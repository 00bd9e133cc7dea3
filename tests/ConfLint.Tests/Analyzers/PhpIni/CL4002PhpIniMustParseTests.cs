using Xunit;

namespace ConfLint.Tests.Analyzers.PhpIni;

public sealed class CL4002PhpIniMustParseTests
{
    [Fact]
    public void Second_equals_sign_stops_php_where_php_stops()
    {
        var d = Assert.Single(PhpIniLint.Of("CL4002", "memory_limit = 128M\ndate.timezone = Europe/Berlin = CET\ncgi.fix_pathinfo = 0\n"));
        Assert.Equal(2, d.Location.Line);
        Assert.Equal(31, d.Location.Column);
        Assert.Contains("syntax error, unexpected '='", d.Message);
        Assert.Contains("on line 2", d.Message);
        Assert.Contains("the rest of line 2 and the 1 setting line after it is ignored", d.Message);
    }

    [Fact]
    public void Reports_php_line_counter_not_physical_line()
    {
        // PHP counts a line for `]` even when the section header shares its line with an entry: `php -n` says line 4.
        var d = Assert.Single(PhpIniLint.Of("CL4002", "[PHP] a = 1\nb = (\n"));
        Assert.Contains("on line 4", d.Message);
        Assert.Equal(2, d.Location.Line);
    }

    [Fact]
    public void Boolean_word_as_key_is_an_error()
    {
        Assert.Single(PhpIniLint.Of("CL4002", "on = 1\n"));
    }

    [Fact]
    public void Unclosed_quote_runs_to_end_of_file()
    {
        var d = Assert.Single(PhpIniLint.Of("CL4002", "error_log = \"/var/log/php.log\nmemory_limit = 1G\n"));
        Assert.Contains("unexpected end of file", d.Message);
    }

    [Fact]
    public void Valid_file_has_no_syntax_error()
    {
        Assert.Empty(PhpIniLint.Of("CL4002", "[PHP]\nerror_reporting = E_ALL & ~E_DEPRECATED\n# not a comment = 1\n"));
    }
}
