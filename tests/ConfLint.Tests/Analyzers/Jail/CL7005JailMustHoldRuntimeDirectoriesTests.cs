using ConfLint.Tests.Hosting;
using Mono.Unix.Native;
using Xunit;

namespace ConfLint.Tests.Analyzers.Jail;

public class CL7005JailMustHoldRuntimeDirectoriesTests
{
    [Fact]
    public void Missing_dev_null_and_tmp_are_reported()
    {
        using var tree = new SeedHostTree();
        var messages = tree.Findings("CL7005").Select(d => d.Message).ToList();
        Assert.Contains(messages, m => m.StartsWith("/dev/null is missing"));
        Assert.Contains(messages, m => m.StartsWith("/tmp is missing"));
    }

    [SkippableFact]
    public void Tmp_needs_1777_and_session_save_path_must_exist_in_the_jail()
    {
        Skip.IfNot(Environment.UserName == "root", "mknod needs root");
        using var tree = new SeedHostTree();
        Directory.CreateDirectory(tree.Real(SeedHostTree.Jail + "/dev"));
        Assert.Equal(0, Syscall.mknod(tree.Real(SeedHostTree.Jail + "/dev/null"), FilePermissions.S_IFCHR | FilePermissions.S_IRUSR, (1UL << 8) | 3));
        Directory.CreateDirectory(tree.Real(SeedHostTree.Jail + "/tmp"));
        tree.Write(SeedHostTree.Jail + "/etc/php.ini", "doc_root = /html\ncgi.fix_pathinfo = 0\nsession.save_path = \"2;/var/lib/php/sessions\"\n");
        tree.Write("/var/lib/php/sessions/.keep", "");
        var findings = tree.Findings("CL7005");
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, d => d.Message.Contains("/tmp has mode 0755"));
        var session = Assert.Single(findings, d => d.Message.Contains("session.save_path"));
        Assert.Equal(3, session.Location.Line);
    }
}
