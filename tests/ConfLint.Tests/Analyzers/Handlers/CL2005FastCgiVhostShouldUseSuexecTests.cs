using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Handlers;

public class CL2005FastCgiVhostShouldUseSuexecTests
{
    [Fact]
    public void The_vhost_without_suexec_is_reported_at_its_open_tag()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/sites-enabled/other.conf", SeedHostTree.Vhost("other.example.com", "x", "/www/o/html", "/www/o").Replace("    SuexecUserGroup x x\n", ""));
        var d = Assert.Single(tree.Findings("CL2005"));
        Assert.EndsWith("other.conf", d.Location.Path);
        Assert.Equal(1, d.Location.Line);
    }

    [Fact]
    public void A_host_where_no_vhost_uses_suexec_is_not_judged()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/sites-enabled/host.conf", SeedHostTree.Vhost("host.example.com", "x", "/www/h/html").Replace("    SuexecUserGroup x x\n", ""));
        Assert.Empty(tree.Findings("CL2005"));
    }
}
