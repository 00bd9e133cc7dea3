using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Jail;

public class CL7002JailMustHoldNoSetuidFilesTests
{
    [Theory]
    [InlineData("4755", "setuid")]
    [InlineData("2755", "setgid")]
    [InlineData("6755", "setuid and setgid")]
    public void Setuid_and_setgid_files_are_reported(string mode, string what)
    {
        using var tree = new SeedHostTree();
        tree.Write(SeedHostTree.Jail + "/bin/ping", "x", mode);
        var d = Assert.Single(tree.Findings("CL7002"));
        Assert.Contains($"is {what} (mode {mode}", d.Message);
    }

    [Fact]
    public void Setuid_files_outside_the_jail_are_not_the_jail_s()
    {
        using var tree = new SeedHostTree();
        tree.Write("/usr/bin/passwd", "x", "4755");
        Assert.Empty(tree.Findings("CL7002"));
    }
}
