using ConfLint.Hosting.Model;
using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Chroot;

public class CL3004DocumentRootMustBeInsideJailTests
{
    [Fact]
    public void DocumentRoot_outside_the_jail_is_reported_at_DocumentRoot()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/sites-enabled/host.conf", SeedHostTree.Vhost("host.example.com", "domain_admin", "/var/www/html"));
        var d = Assert.Single(tree.Findings("CL3004"));
        Assert.Equal(3, d.Location.Line);
    }

    [Fact]
    public void A_sibling_directory_with_the_jail_as_prefix_is_outside()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/sites-enabled/host.conf", SeedHostTree.Vhost("host.example.com", "domain_admin", SeedHostTree.Jail + "-old/html"));
        Assert.Single(tree.Findings("CL3004"));
    }
}
