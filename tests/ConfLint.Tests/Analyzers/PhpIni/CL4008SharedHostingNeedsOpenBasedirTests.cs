using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.PhpIni;

public class CL4008SharedHostingNeedsOpenBasedirTests
{
    [Fact]
    public void A_suexec_vhost_without_open_basedir_is_reported_at_its_php_ini()
    {
        using var tree = new SeedHostTree();
        var d = Assert.Single(tree.Findings("CL4008"));
        Assert.EndsWith("/etc/php.ini", d.Location.Path);
    }

    [Fact]
    public void Open_basedir_in_php_ini_or_as_d_option_is_fine()
    {
        using var tree = new SeedHostTree();
        tree.Write(SeedHostTree.Jail + "/etc/php.ini", "doc_root = /html\ncgi.fix_pathinfo = 0\nopen_basedir = /html:/tmp\n");
        Assert.Empty(tree.Findings("CL4008"));
        tree.Write(SeedHostTree.Jail + "/etc/php.ini", "doc_root = /html\ncgi.fix_pathinfo = 0\n");
        tree.Write(SeedHostTree.Jail + "/cgi/php-wrapper", "#!/bin/sh\nPHPRC=/etc\nexport PHPRC\nexec /usr/bin/php-fcgi -d open_basedir=/html\n", "755");
        Assert.Empty(tree.Findings("CL4008"));
    }

    [Fact]
    public void An_FPM_pool_without_open_basedir_is_reported_and_php_admin_value_fixes_it()
    {
        using (var tree = new FpmHostTree()) Assert.Single(tree.Findings("CL4008"));
        using (var tree = new FpmHostTree(poolExtra: "php_admin_value[open_basedir] = /html:/tmp")) Assert.Empty(tree.Findings("CL4008"));
    }
}
