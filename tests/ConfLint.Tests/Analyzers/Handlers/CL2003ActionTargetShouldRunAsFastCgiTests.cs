using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Handlers;

public class CL2003ActionTargetShouldRunAsFastCgiTests
{
    [Fact]
    public void Without_SetHandler_fastcgi_script_the_Action_line_is_reported()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/sites-enabled/host.conf", SeedHostTree.Vhost("host.example.com", "domain_admin", SeedHostTree.Jail + "/html")
            .Replace("SetHandler fastcgi-script", "SetHandler cgi-script"));
        var d = Assert.Single(tree.Findings("CL2003"));
        Assert.Equal(7, d.Location.Line);
    }

    [Fact]
    public void FastCgiServer_for_the_wrapper_counts_as_FastCGI()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/sites-enabled/host.conf", SeedHostTree.Vhost("host.example.com", "domain_admin", SeedHostTree.Jail + "/html")
            .Replace("SetHandler fastcgi-script", "SetHandler cgi-script"));
        tree.Write("/etc/apache2/apache2.conf", $"FastCgiWrapper /usr/local/apache2/bin/suexec-fcgi\nFastCgiServer {SeedHostTree.Jail}/cgi/php-wrapper\nIncludeOptional sites-enabled/*.conf\n");
        Assert.Empty(tree.Findings("CL2003"));
    }
}
