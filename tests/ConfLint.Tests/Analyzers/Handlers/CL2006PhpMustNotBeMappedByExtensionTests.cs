using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Handlers;

public class CL2006PhpMustNotBeMappedByExtensionTests
{
    [Fact]
    public void AddHandler_for_php_is_reported_at_the_extension()
    {
        using var tree = new SeedHostTree();
        var d = Assert.Single(tree.Findings("CL2006"));
        Assert.Equal(6, d.Location.Line);
        Assert.Equal(".php", tree.Lint().Compilation.Sources.Single(s => s.Path == d.Location.Path).ToString(d.Location.Span));
    }

    [Fact]
    public void FilesMatch_with_SetHandler_is_fine_and_still_runs_php()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/sites-enabled/host.conf", SeedHostTree.Vhost("host.example.com", "domain_admin", SeedHostTree.Jail + "/html")
            .Replace("AddHandler php-fastcgi .php", "<FilesMatch \"\\.php$\">\n        SetHandler php-fastcgi\n    </FilesMatch>"));
        Assert.Empty(tree.Findings("CL2006"));
        Assert.Single(tree.Model().VirtualHosts.Single().Backends);
    }

    [Fact]
    public void Harmless_handlers_are_not_reported()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/apache2.conf", "AddHandler default-handler .php\nIncludeOptional sites-enabled/*.conf\n");
        Assert.Single(tree.Findings("CL2006"));
    }
}
