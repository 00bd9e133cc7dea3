using Xunit;

namespace ConfLint.Tests.Analyzers.PhpIni;

public sealed class CL4010PerDirectorySectionMustBeLastTests
{
    [Fact]
    public void Ordinary_section_after_path_section_is_reported()
    {
        var d = Assert.Single(PhpIniLint.Of("CL4010", "[PATH=/www/h/o/host.example.com/html]\nopen_basedir = /www\n\n[PHP]\ncgi.fix_pathinfo = 0\nmemory_limit = 1G\n"));
        Assert.Equal(4, d.Location.Line);
        Assert.Contains("the 2 settings below apply only to scripts under /www/h/o/host.example.com/html", d.Message);
        Assert.Equal(1, Assert.Single(d.Related).Location.Line);
    }

    [Fact]
    public void Host_section_names_the_host()
    {
        var d = Assert.Single(PhpIniLint.Of("CL4010", "[HOST=Example.COM]\na=1\n[x]\nexpose_php=Off\n"));
        Assert.Contains("the host example.com", d.Message);
    }

    [Fact]
    public void Per_directory_sections_at_the_end_are_fine()
    {
        Assert.Empty(PhpIniLint.Of("CL4010", "[PHP]\ncgi.fix_pathinfo = 0\n[PATH=/www/a]\nopen_basedir=/www/a\n[HOST=b.example]\nopen_basedir=/www/b\n"));
    }
}
