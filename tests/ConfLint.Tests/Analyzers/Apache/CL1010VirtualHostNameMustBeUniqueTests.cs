using Xunit;

namespace ConfLint.Tests.Analyzers.Apache;

public class CL1010VirtualHostNameMustBeUniqueTests
{
    [Fact]
    public void Second_vhost_with_same_address_and_name_is_reported_with_the_first_as_related()
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint(
            "<VirtualHost *:80>\nServerName a.example\n</VirtualHost>\n<VirtualHost *:80>\nServerName A.example.\n</VirtualHost>\n").Only("CL1010"));
        Assert.Equal(5, d.Location.Line);
        Assert.Equal(2, Assert.Single(d.Related).Location.Line);
    }

    [Fact]
    public void ServerAlias_counts_and_includes_are_followed()
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint(
            "<VirtualHost *:80>\nServerName a.example\nServerAlias www.example\n</VirtualHost>\nInclude site.conf\n",
            ("/etc/apache2/site.conf", "<VirtualHost *:80>\nServerName b.example\nServerAlias www.example\n</VirtualHost>\n")).Only("CL1010"));
        Assert.Equal("/etc/apache2/site.conf", d.Location.HostPath);
        Assert.Contains("www.example", d.Message);
    }

    [Fact]
    public void Different_ports_or_names_are_fine()
    {
        Assert.Empty(ApacheRuleTestKit.Lint(
            "<VirtualHost *:80>\nServerName a\n</VirtualHost>\n<VirtualHost *:443>\nServerName a\n</VirtualHost>\n<VirtualHost *:80>\nServerName b\n</VirtualHost>\n").Only("CL1010"));
    }

    [Fact]
    public void Inactive_vhosts_are_ignored()
    {
        Assert.Empty(ApacheRuleTestKit.Lint(
            "<VirtualHost *:80>\nServerName a\n</VirtualHost>\n<IfModule nope>\n<VirtualHost *:80>\nServerName a\n</VirtualHost>\n</IfModule>\n").Only("CL1010"));
    }

    [Fact]
    public void Doc_examples() => ApacheRuleTestKit.AssertDocExamples("CL1010");
}
