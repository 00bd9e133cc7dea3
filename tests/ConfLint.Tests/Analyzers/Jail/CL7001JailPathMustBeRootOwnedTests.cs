using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Jail;

public class CL7001JailPathMustBeRootOwnedTests
{
    [Fact]
    public void A_jail_component_owned_by_the_user_is_reported_at_the_passwd_home()
    {
        using var tree = new SeedHostTree();
        Mono.Unix.Native.Syscall.chown(tree.Real("/www/h/o"), 1007, 1007);
        var d = Assert.Single(tree.Findings("CL7001"));
        Assert.Contains("'/www/h/o' is owned by UID 1007", d.Message);
        Assert.EndsWith("/etc/passwd", d.Location.Path);
    }

    [Fact]
    public void A_group_writable_system_directory_and_a_world_writable_inner_directory_are_reported()
    {
        using var tree = new SeedHostTree();
        File.SetUnixFileMode(tree.Real(SeedHostTree.Jail + "/etc"), (UnixFileMode)Convert.ToInt32("775", 8));
        Directory.CreateDirectory(tree.Real(SeedHostTree.Jail + "/html/uploads"));
        File.SetUnixFileMode(tree.Real(SeedHostTree.Jail + "/html/uploads"), (UnixFileMode)Convert.ToInt32("777", 8));
        var findings = tree.Findings("CL7001");
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, d => d.Message.Contains("/etc' is writable by group"));
        Assert.Contains(findings, d => d.Message.Contains("/html/uploads' is writable by others"));
    }

    [Fact]
    public void A_sticky_tmp_is_fine_and_no_disk_skips_everything()
    {
        using var tree = new SeedHostTree();
        Directory.CreateDirectory(tree.Real(SeedHostTree.Jail + "/tmp"));
        File.SetUnixFileMode(tree.Real(SeedHostTree.Jail + "/tmp"), (UnixFileMode)Convert.ToInt32("1777", 8));
        Assert.Empty(tree.Findings("CL7001"));
        Mono.Unix.Native.Syscall.chown(tree.Real("/www"), 1007, 1007);
        Assert.Empty(tree.Findings("CL7001", noDisk: true));
    }
}
