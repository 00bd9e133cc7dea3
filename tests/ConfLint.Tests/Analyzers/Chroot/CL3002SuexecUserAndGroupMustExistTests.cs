using ConfLint.Hosting.Model;
using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Chroot;

public class CL3002SuexecUserAndGroupMustExistTests
{
    [Fact]
    public void Unknown_user_and_group_are_each_reported()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/sites-enabled/host.conf", SeedHostTree.Vhost("host.example.com", "nobody2", SeedHostTree.Jail + "/html"));
        var findings = tree.Findings("CL3002");
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, d => d.Message.Contains("user 'nobody2'"));
        Assert.Contains(findings, d => d.Message.Contains("group 'nobody2'"));
    }

    [Fact]
    public void A_malformed_passwd_line_is_named_as_the_reason()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/passwd", $"domain_admin:x:10x7:1007::{SeedHostTree.Jail}/./home/domain_admin:/bin/sh\n");
        var d = Assert.Single(tree.Findings("CL3002"), f => f.Message.Contains("user"));
        Assert.Contains(d.Related, r => r.Message.Contains("not a decimal number"));
    }
}
