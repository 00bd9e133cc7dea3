using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Handlers;

public class CL2013ProxySocketMustHaveFpmPoolTests
{
    [Fact]
    public void A_socket_no_pool_listens_on_is_reported_with_the_pools_listens()
    {
        using var tree = new FpmHostTree(socket: "/run/php/site2.sock");
        var d = Assert.Single(tree.Findings("CL2013"));
        Assert.Contains("/run/php/site2.sock", d.Message);
        Assert.Contains(d.Related, r => r.Message.Contains("[site1]"));
    }

    [Fact]
    public void The_pool_socket_is_fine()
    {
        using var tree = new FpmHostTree();
        Assert.Empty(tree.Findings("CL2013"));
    }

    [Fact]
    public void Without_any_FPM_configuration_it_is_said_once_that_it_cannot_be_checked()
    {
        using var tree = new FpmHostTree(socket: "/run/php/site2.sock");
        File.Delete(tree.Root + "/etc/php/8.2/fpm/php-fpm.conf");
        Assert.Empty(tree.Findings("CL2013"));
        Assert.Single(tree.Findings("CL0004"), d => d.Message.Contains("PHP-FPM"));
    }
}
