using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.PhpIni;

public class CL4007OpcodeCacheNeedsPersistentPhpTests
{
    private static string PlainCgiVhost() => SeedHostTree.Vhost("host.example.com", "domain_admin", SeedHostTree.Jail + "/html")
        .Replace("SetHandler fastcgi-script", "SetHandler cgi-script");

    [Fact]
    public void Opcache_under_plain_CGI_is_reported_at_the_extension_line()
    {
        using var tree = new SeedHostTree();
        tree.Write("/etc/apache2/sites-enabled/host.conf", PlainCgiVhost());
        tree.Write(SeedHostTree.Jail + "/etc/php.ini", "doc_root = /html\nzend_extension = opcache.so\n");
        var d = Assert.Single(tree.Findings("CL4007"));
        Assert.Equal(2, d.Location.Line);
    }

    [Fact]
    public void Opcache_disabled_or_under_FastCGI_is_fine()
    {
        using var tree = new SeedHostTree();
        tree.Write(SeedHostTree.Jail + "/etc/php.ini", "doc_root = /html\nzend_extension = opcache.so\n");
        Assert.Empty(tree.Findings("CL4007"));
        tree.Write("/etc/apache2/sites-enabled/host.conf", PlainCgiVhost());
        tree.Write(SeedHostTree.Jail + "/etc/php.ini", "doc_root = /html\nzend_extension = opcache.so\nopcache.enable = 0\n");
        Assert.Empty(tree.Findings("CL4007"));
    }
}
