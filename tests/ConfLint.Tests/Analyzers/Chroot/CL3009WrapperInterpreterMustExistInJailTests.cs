using ConfLint.Tests.Hosting;
using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests.Analyzers.Chroot;

public class CL3009WrapperInterpreterMustExistInJailTests
{
    [Fact]
    public void A_missing_shell_is_reported_at_the_shebang()
    {
        using var tree = new SeedHostTree();
        tree.Delete(SeedHostTree.Jail + "/bin/sh");
        var d = Assert.Single(tree.Findings("CL3009"));
        Assert.Equal(1, d.Location.Line);
        Assert.EndsWith("/cgi/php-wrapper", d.Location.Path);
    }

    [SkippableFact]
    public void A_real_shell_without_its_libraries_is_reported_per_library()
    {
        var dash = Oracle.RequireFile("/bin/dash", "/usr/bin/dash");
        using var tree = new SeedHostTree();
        File.Copy(dash, tree.Real(SeedHostTree.Jail + "/bin/sh"), overwrite: true);
        var findings = tree.Findings("CL3009");
        Assert.Contains(findings, d => d.Message.Contains("libc.so.6"));
    }
}
