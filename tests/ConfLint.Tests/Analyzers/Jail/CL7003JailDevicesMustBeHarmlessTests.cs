using ConfLint.Tests.Hosting;
using Mono.Unix.Native;
using Xunit;

namespace ConfLint.Tests.Analyzers.Jail;

public class CL7003JailDevicesMustBeHarmlessTests
{
    private static void MakeDevice(string path, FilePermissions type, uint major, uint minor)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Assert.Equal(0, Syscall.mknod(path, type | FilePermissions.S_IRUSR | FilePermissions.S_IWUSR, ((ulong)major << 8) | minor));
    }

    [SkippableFact]
    public void Disks_and_memory_devices_are_reported_but_null_and_urandom_are_not()
    {
        Skip.IfNot(Environment.UserName == "root", "mknod needs root");
        using var tree = new SeedHostTree();
        MakeDevice(tree.Real(SeedHostTree.Jail + "/dev/null"), FilePermissions.S_IFCHR, 1, 3);
        MakeDevice(tree.Real(SeedHostTree.Jail + "/dev/urandom"), FilePermissions.S_IFCHR, 1, 9);
        MakeDevice(tree.Real(SeedHostTree.Jail + "/dev/sda"), FilePermissions.S_IFBLK, 8, 0);
        MakeDevice(tree.Real(SeedHostTree.Jail + "/dev/mem"), FilePermissions.S_IFCHR, 1, 1);
        MakeDevice(tree.Real(SeedHostTree.Jail + "/home/null"), FilePermissions.S_IFCHR, 1, 3);
        var findings = tree.Findings("CL7003").Select(d => d.Message).ToList();
        Assert.Equal(3, findings.Count);
        Assert.Contains(findings, m => m.Contains("/dev/sda") && m.Contains("block"));
        Assert.Contains(findings, m => m.Contains("/dev/mem"));
        Assert.Contains(findings, m => m.Contains("/home/null"));
    }
}
