using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Jail;

public class CL7007WrapperMustNotBeReplaceableTests
{
    [Fact]
    public void A_group_writable_wrapper_is_reported_at_the_Action_line()
    {
        using var tree = new SeedHostTree();
        File.SetUnixFileMode(tree.Real(SeedHostTree.Jail + "/cgi/php-wrapper"), (UnixFileMode)Convert.ToInt32("775", 8));
        var d = Assert.Single(tree.Findings("CL7007"));
        Assert.Contains("exit 118", d.Message);
        Assert.EndsWith("host.conf", d.Location.Path);
    }

    [Fact]
    public void A_symlinked_wrapper_and_one_owned_by_the_jailed_user_are_reported()
    {
        using var tree = new SeedHostTree();
        File.Move(tree.Real(SeedHostTree.Jail + "/cgi/php-wrapper"), tree.Real(SeedHostTree.Jail + "/cgi/real-wrapper"));
        File.CreateSymbolicLink(tree.Real(SeedHostTree.Jail + "/cgi/php-wrapper"), "real-wrapper");
        Assert.Contains("exit 117", Assert.Single(tree.Findings("CL7007")).Message);

        using var owned = new SeedHostTree();
        Mono.Unix.Native.Syscall.chown(owned.Real(SeedHostTree.Jail + "/cgi/php-wrapper"), 1007, 1007);
        Assert.Contains("owned by the jailed user", Assert.Single(owned.Findings("CL7007")).Message);
    }
}
