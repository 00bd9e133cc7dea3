using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Handlers;

public class CL2009WrapperMustBeExecutableTests
{
    [Fact]
    public void A_non_executable_wrapper_and_a_missing_FastCgiWrapper_are_reported()
    {
        using var tree = new SeedHostTree();
        File.SetUnixFileMode(tree.Real(SeedHostTree.Jail + "/cgi/php-wrapper"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        tree.Delete("/usr/local/apache2/bin/suexec-fcgi");
        var findings = tree.Findings("CL2009");
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, d => d.Message.Contains("not executable"));
        Assert.Contains(findings, d => d.Message.Contains("suexec-fcgi") && d.Message.Contains("does not exist"));
    }

    [Fact]
    public void An_executable_wrapper_and_FastCgiWrapper_are_fine()
    {
        using var tree = new SeedHostTree();
        Assert.Empty(tree.Findings("CL2009"));
    }
}
