using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Jail;

public class CL7006JailedPhpIniMustNotBeWritableByUserTests
{
    [Theory]
    [InlineData(1007u, 0u, "644", "its owner")]
    [InlineData(0u, 1007u, "664", "its group")]
    [InlineData(0u, 0u, "646", "everyone")]
    public void A_php_ini_the_user_can_write_is_reported(uint uid, uint gid, string mode, string who)
    {
        using var tree = new SeedHostTree();
        var ini = tree.Real(SeedHostTree.Jail + "/etc/php.ini");
        Mono.Unix.Native.Syscall.chown(ini, uid, gid);
        File.SetUnixFileMode(ini, (UnixFileMode)Convert.ToInt32(mode, 8));
        var d = Assert.Single(tree.Findings("CL7006"));
        Assert.Contains($"writable by {who}", d.Message);
    }

    [Fact]
    public void A_root_owned_php_ini_is_fine()
    {
        using var tree = new SeedHostTree();
        Assert.Empty(tree.Findings("CL7006"));
    }
}
