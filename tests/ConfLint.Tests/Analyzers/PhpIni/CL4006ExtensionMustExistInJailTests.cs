using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.PhpIni;

public class CL4006ExtensionMustExistInJailTests
{
    [Fact]
    public void An_extension_on_the_host_but_not_in_the_jail_is_reported_at_its_line()
    {
        using var tree = new SeedHostTree();
        tree.Write(SeedHostTree.Jail + "/etc/php.ini", "doc_root = /html\ncgi.fix_pathinfo = 0\nextension_dir = /usr/lib/php5/20060613\nextension = eaccelerator.so\n");
        tree.Write("/usr/lib/php5/20060613/eaccelerator.so", "host copy");
        var d = Assert.Single(tree.Findings("CL4006"));
        Assert.Equal(4, d.Location.Line);
        Assert.Contains("inside the jail", d.Message);
    }

    [Fact]
    public void A_bare_name_gets_so_appended_and_is_found_in_the_jail()
    {
        using var tree = new SeedHostTree();
        tree.Write(SeedHostTree.Jail + "/etc/php.ini", "doc_root = /html\ncgi.fix_pathinfo = 0\nextension_dir = /ext\nextension = mysqli\n");
        tree.Write(SeedHostTree.Jail + "/ext/mysqli.so", "x");
        Assert.Empty(tree.Findings("CL4006"));
    }
}
