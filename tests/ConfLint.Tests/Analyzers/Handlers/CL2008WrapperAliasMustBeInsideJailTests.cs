using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Handlers;

public class CL2008WrapperAliasMustBeInsideJailTests
{
    [Fact]
    public void A_ScriptAlias_outside_the_jail_is_reported_at_the_ScriptAlias()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/sites-enabled/host.conf", SeedHostTree.Vhost("host.example.com", "domain_admin", SeedHostTree.Jail + "/html")
            .Replace("ScriptAlias /cgi/ " + SeedHostTree.Jail + "/cgi/", "ScriptAlias /cgi/ /usr/lib/cgi-bin/"));
        var d = Assert.Single(tree.Findings("CL2008"));
        Assert.Equal(5, d.Location.Line);
    }

    [Fact]
    public void The_seed_s_alias_into_the_jail_is_fine()
    {
        using var tree = new SeedHostTree();
        Assert.Empty(tree.Findings("CL2008"));
    }
}
