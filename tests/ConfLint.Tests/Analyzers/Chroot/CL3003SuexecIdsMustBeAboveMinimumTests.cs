using ConfLint.Hosting.Model;
using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Chroot;

public class CL3003SuexecIdsMustBeAboveMinimumTests
{
    [Theory]
    [InlineData("0", "1007", "UID")]
    [InlineData("99", "1007", "UID")]
    [InlineData("1007", "0", "GID")]
    public void Ids_below_the_minimum_are_reported(string uid, string gid, string which)
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/passwd", $"domain_admin:x:{uid}:{gid}::{SeedHostTree.Jail}/./home/domain_admin:/bin/sh\n");
        tree.Write("/etc/group", $"domain_admin:x:{gid}:\n");
        Assert.Contains(tree.Findings("CL3003"), d => d.Message.StartsWith(which));
    }

    [Fact]
    public void The_minimum_is_configurable()
    {
        using var tree = new SeedHostTree();
        Assert.NotEmpty(tree.Findings("CL3003", new HostingOptions { UidMin = 2000 }));
        Assert.Empty(tree.Findings("CL3003"));
    }
}
