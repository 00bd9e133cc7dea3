using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Handlers;

public class CL2007PhpTypeMustHaveHandlerTests
{
    [Fact]
    public void AddType_whose_handler_is_in_an_inactive_IfModule_is_reported()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/apache2.conf", "AddType application/x-httpd-php .php\n<IfModule mod_nothing.c>\n    AddHandler php-fastcgi .php\n</IfModule>\n");
        var d = Assert.Single(tree.Findings("CL2007"));
        Assert.Equal(1, d.Location.Line);
    }

    [Fact]
    public void AddType_with_an_AddHandler_for_the_extension_is_the_seed_s_setup_and_fine()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/apache2.conf", "FastCgiWrapper /usr/local/apache2/bin/suexec-fcgi\nAddType application/x-httpd-php .php\nIncludeOptional sites-enabled/*.conf\n");
        Assert.Empty(tree.Findings("CL2007"));
    }

    [Fact]
    public void The_source_type_is_meant_to_show_source()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/apache2.conf", "AddType application/x-httpd-php-source .phps\n");
        Assert.Empty(tree.Findings("CL2007"));
    }
}
