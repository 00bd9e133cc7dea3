using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Handlers;

public class CL2002ActionTargetMustBeMappedTests
{
    private static string WithoutScriptAlias(string vhost) =>
        string.Join("\n", vhost.Split('\n').Where(l => !l.Contains("ScriptAlias")));

    [Fact]
    public void An_unmapped_Action_target_is_reported_at_the_Action()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/sites-enabled/host.conf", WithoutScriptAlias(SeedHostTree.Vhost("host.example.com", "domain_admin", SeedHostTree.Jail + "/html")));
        var d = Assert.Single(tree.Findings("CL2002"));
        Assert.Contains("/cgi/php-wrapper", d.Message);
    }

    [Fact]
    public void A_target_that_is_a_file_under_DocumentRoot_or_a_virtual_Action_is_fine()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/sites-enabled/host.conf", WithoutScriptAlias(SeedHostTree.Vhost("host.example.com", "domain_admin", SeedHostTree.Jail + "/html")));
        tree.Write(SeedHostTree.Jail + "/html/cgi/php-wrapper", "#!/bin/sh\nexec /usr/bin/php-fcgi\n", "755");
        Assert.Empty(tree.Findings("CL2002"));

        using var virtualTree = new SeedHostTree();
        virtualTree.Write("/etc/apache2/sites-enabled/host.conf", WithoutScriptAlias(SeedHostTree.Vhost("host.example.com", "domain_admin", SeedHostTree.Jail + "/html"))
            .Replace("/cgi/php-wrapper\n", "/cgi/php-wrapper virtual\n"));
        Assert.Empty(virtualTree.Findings("CL2002"));
    }
}
