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

    [Theory]
    [InlineData(3)]
    [InlineData(60)]
    public void Short_and_long_files_find_the_same_repeats(int filler)
    {
        // A short file is searched in place, a long one through a map: the same findings either way, scopes kept apart.
        var text = "memory_limit = 1G\nextension=mysqli\n" + string.Concat(Enumerable.Range(0, filler).Select(i => $"user_ini.cache_ttl = {i}\n"))
            + "extension=mysqli\nmemory_limit = 2G\n[PATH=/www/a]\nmemory_limit = 3G\nmemory_limit = 4G\n";
        var findings = PhpIniLint.Of("CL4005", text).Select(d => d.Location.Line).ToList();
        int fillerRepeats = filler - 1; // every cache_ttl after the first
        Assert.Equal(fillerRepeats + 2, findings.Count);
        Assert.Contains(2 + filler + 2, findings);     // the global memory_limit again
        Assert.Contains(2 + filler + 5, findings);     // the PATH section's second memory_limit
        Assert.DoesNotContain(2 + filler + 4, findings); // the PATH section's first is its own
    }
}
