using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Handlers;

public class CL2010FcgidMaxRequestsMustNotExceedPhpTests
{
    [Fact]
    public void Unset_FcgidMaxRequestsPerProcess_is_unlimited_and_reported_at_FcgidWrapper()
    {
        using var tree = new FcgidHostTree();
        var d = Assert.Single(tree.Findings("CL2010"));
        Assert.Contains("unlimited", d.Message);
    }

    [Theory]
    [InlineData("    FcgidMaxRequestsPerProcess 1000", "PHP_FCGI_MAX_REQUESTS=500\nexport PHP_FCGI_MAX_REQUESTS\n", 1)]
    [InlineData("    FcgidMaxRequestsPerProcess 500", "PHP_FCGI_MAX_REQUESTS=500\nexport PHP_FCGI_MAX_REQUESTS\n", 0)]
    [InlineData("    FcgidMaxRequestsPerProcess 600", "", 1)]
    [InlineData("    FcgidMaxRequestsPerProcess 0", "PHP_FCGI_MAX_REQUESTS=0\nexport PHP_FCGI_MAX_REQUESTS\n", 0)]
    public void The_limits_are_compared(string directive, string environment, int expected)
    {
        using var tree = new FcgidHostTree(directive, environment);
        Assert.Equal(expected, tree.Findings("CL2010").Count);
    }
}
