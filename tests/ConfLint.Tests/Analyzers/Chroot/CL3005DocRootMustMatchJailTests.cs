using ConfLint.Hosting.Model;
using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Chroot;

public class CL3005DocRootMustMatchJailTests
{
    [Fact]
    public void A_host_path_doc_root_is_reported_at_the_php_ini_line()
    {
        using var tree = new SeedHostTree();
        tree.Write(SeedHostTree.Jail + "/etc/php.ini", $"cgi.fix_pathinfo = 0\ndoc_root = \"{SeedHostTree.Jail}/html\"\n");
        var d = Assert.Single(tree.Findings("CL3005"));
        Assert.EndsWith("/etc/php.ini", d.Location.Path);
        Assert.Equal(2, d.Location.Line);
        Assert.Contains("'/html'", d.Message);
    }

    [Fact]
    public void A_trailing_slash_is_the_same_path()
    {
        using var tree = new SeedHostTree();
        tree.Write(SeedHostTree.Jail + "/etc/php.ini", "cgi.fix_pathinfo = 0\ndoc_root = /html/\n");
        Assert.Empty(tree.Findings("CL3005"));
    }
}
