using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Handlers;

public class CL2011FcgidWrapperMustNotForkChildrenTests
{
    [Fact]
    public void Children_under_mod_fcgid_are_reported_at_the_assignment()
    {
        using var tree = new FcgidHostTree(wrapperEnvironment: "PHP_FCGI_CHILDREN=4\nexport PHP_FCGI_CHILDREN\n");
        var d = Assert.Single(tree.Findings("CL2011"));
        Assert.EndsWith("php-wrapper", d.Location.Path);
        Assert.Equal(2, d.Location.Line);
    }

    [Theory]
    [InlineData("PHP_FCGI_CHILDREN=0\nexport PHP_FCGI_CHILDREN\n")]
    [InlineData("PHP_FCGI_CHILDREN=4\n")]
    public void Zero_or_not_exported_is_fine(string environment)
    {
        using var tree = new FcgidHostTree(wrapperEnvironment: environment);
        Assert.Empty(tree.Findings("CL2011"));
    }

    [Fact]
    public void Children_under_mod_fastcgi_are_what_the_seed_wants()
    {
        using var tree = new SeedHostTree();
        Assert.Empty(tree.Findings("CL2011"));
    }
}
