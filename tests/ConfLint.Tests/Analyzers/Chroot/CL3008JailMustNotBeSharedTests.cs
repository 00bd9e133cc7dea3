using ConfLint.Hosting.Model;
using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Chroot;

public class CL3008JailMustNotBeSharedTests
{
    [Fact]
    public void Two_users_in_one_jail_are_reported_at_the_second_vhost()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/sites-enabled/other.conf", SeedHostTree.Vhost("other.example.com", "other_admin", SeedHostTree.Jail + "/html"));
        tree.Write("/etc/passwd", $"domain_admin:x:1007:1007::{SeedHostTree.Jail}/./home/domain_admin:/bin/sh\nother_admin:x:1008:1008::{SeedHostTree.Jail}/./home/other_admin:/bin/sh\n");
        tree.Write("/etc/group", "domain_admin:x:1007:\nother_admin:x:1008:\n");
        var d = Assert.Single(tree.Findings("CL3008"));
        Assert.EndsWith("other.conf", d.Location.Path);
    }

    [Fact]
    public void Two_vhosts_of_one_user_share_the_jail_on_purpose()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/sites-enabled/other.conf", SeedHostTree.Vhost("www2.example.com", "domain_admin", SeedHostTree.Jail + "/html"));
        Assert.Empty(tree.Findings("CL3008"));
    }
}
