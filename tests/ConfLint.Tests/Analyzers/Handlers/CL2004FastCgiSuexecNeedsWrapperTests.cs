using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Handlers;

public class CL2004FastCgiSuexecNeedsWrapperTests
{
    [Fact]
    public void Suexec_vhost_on_mod_fastcgi_without_FastCgiWrapper_is_reported()
    {
        using var tree = new SeedHostTree(fastCgiWrapper: false);
        var d = Assert.Single(tree.Findings("CL2004"));
        Assert.Equal(4, d.Location.Line);
    }

    [Fact]
    public void FastCgiWrapper_Off_is_no_wrapper()
    {
        using var tree = new SeedHostTree(fastCgiWrapper: false);
        tree.Write("/etc/apache2/apache2.conf", "FastCgiWrapper Off\nIncludeOptional sites-enabled/*.conf\n");
        Assert.Single(tree.Findings("CL2004"));
    }

    [Fact]
    public void With_a_wrapper_nothing_is_reported()
    {
        using var tree = new SeedHostTree();
        Assert.Empty(tree.Findings("CL2004"));
    }
}
