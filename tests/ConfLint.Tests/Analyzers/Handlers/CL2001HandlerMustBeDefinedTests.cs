using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Handlers;

public class CL2001HandlerMustBeDefinedTests
{
    [Fact]
    public void A_handler_without_Action_is_reported_at_its_name()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/sites-enabled/host.conf", SeedHostTree.Vhost("host.example.com", "domain_admin", SeedHostTree.Jail + "/html")
            .Replace("Action php-fastcgi", "Action php-fcgi"));
        var d = Assert.Single(tree.Findings("CL2001"));
        Assert.Contains("'php-fastcgi'", d.Message);
        Assert.Equal(6, d.Location.Line);
    }

    [Fact]
    public void Module_handlers_count_only_when_their_module_is_loaded()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/apache2.conf", "FastCgiWrapper /usr/local/apache2/bin/suexec-fcgi\nAddHandler cgi-script .cgi\nIncludeOptional sites-enabled/*.conf\n");
        var d = Assert.Single(tree.Findings("CL2001"));
        Assert.Contains("cgi_module", d.Message);
    }
}
