using ConfLint.Hosting.Model;
using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Chroot;

public class CL3001SuexecUserMustBeJailedTests
{
    [Fact]
    public void A_user_without_dot_slash_on_a_jailed_host_is_reported_at_SuexecUserGroup()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/passwd", "domain_admin:x:1007:1007::/home/domain_admin:/bin/sh\n");
        var d = Assert.Single(tree.Findings("CL3001"));
        Assert.EndsWith("host.conf", d.Location.Path);
        Assert.Equal(4, d.Location.Line);
        Assert.Contains(d.Related, r => r.Location.Path.EndsWith("/etc/passwd"));
    }

    [Fact]
    public void A_stock_suexec_host_has_no_jails_to_miss()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/passwd", "domain_admin:x:1007:1007::/home/domain_admin:/bin/sh\n");
        Assert.Empty(tree.Findings("CL3001", new HostingOptions { SuexecChroot = SuexecChrootMode.No }));
    }
}
