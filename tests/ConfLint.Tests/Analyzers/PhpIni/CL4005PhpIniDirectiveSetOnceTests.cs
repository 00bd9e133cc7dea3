using Xunit;

namespace ConfLint.Tests.Analyzers.PhpIni;

public sealed class CL4005PhpIniDirectiveSetOnceTests
{
    [Fact]
    public void Later_assignment_is_reported_with_the_first_as_related()
    {
        var d = Assert.Single(PhpIniLint.Of("CL4005", "cgi.fix_pathinfo = 0\nmemory_limit = 128M\ncgi.fix_pathinfo = 1\n"));
        Assert.Equal(3, d.Location.Line);
        Assert.Contains("first on line 1", d.Message);
        var related = Assert.Single(d.Related);
        Assert.Equal(1, related.Location.Line);
    }

    [Fact]
    public void Extension_lines_and_different_scopes_are_not_duplicates()
    {
        Assert.Empty(PhpIniLint.Of("CL4005", "extension=mysqli\nextension=pdo_mysql\nmemory_limit=1G\n[PATH=/www/a]\nmemory_limit=2G\n"));
    }

    [Fact]
    public void Ordinary_sections_do_not_separate_settings()
    {
        Assert.Single(PhpIniLint.Of("CL4005", "[PHP]\nexpose_php = Off\n[Session]\nexpose_php = On\n"));
    }
}
