using ConfLint.Hosting.Model;
using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Chroot;

public class CL3007WrapperExecTargetMustExistInJailTests
{
    [Fact]
    public void A_missing_binary_is_reported_at_the_exec_word()
    {
        using var tree = new SeedHostTree();
        tree.Delete(SeedHostTree.Jail + "/usr/bin/php-fcgi");
        var d = Assert.Single(tree.Findings("CL3007"));
        Assert.EndsWith("/cgi/php-wrapper", d.Location.Path);
        Assert.Equal(6, d.Location.Line);
    }

    [Fact]
    public void A_binary_on_the_host_but_not_in_the_jail_is_still_missing()
    {
        using var tree = new SeedHostTree();
        tree.Delete(SeedHostTree.Jail + "/usr/bin/php-fcgi");
        tree.Write("/usr/bin/php-fcgi", "host binary", "755");
        Assert.Single(tree.Findings("CL3007"));
    }

    [Fact]
    public void No_disk_skips_the_check()
    {
        using var tree = new SeedHostTree();
        tree.Delete(SeedHostTree.Jail + "/usr/bin/php-fcgi");
        Assert.Empty(tree.Findings("CL3007", noDisk: true));
    }
}
