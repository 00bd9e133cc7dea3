using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.PhpIni;

public class CL4001ChrootedCgiMustDisableFixPathinfoTests
{
    [Theory]
    [InlineData("cgi.fix_pathinfo = 1\n", 1)]
    [InlineData("cgi.fix_pathinfo = On\n", 1)]
    [InlineData("doc_root = /html\n", 1)]
    public void Fix_pathinfo_on_or_unset_is_reported(string ini, int line)
    {
        using var tree = new SeedHostTree();
        tree.Write(SeedHostTree.Jail + "/etc/php.ini", ini);
        var d = Assert.Single(tree.Findings("CL4001"));
        Assert.Equal(line, d.Location.Line);
        Assert.EndsWith("/etc/php.ini", d.Location.Path);
    }

    [Theory]
    [InlineData("cgi.fix_pathinfo = 0\n")]
    [InlineData("cgi.fix_pathinfo = Off\n")]
    public void Fix_pathinfo_off_is_fine(string ini)
    {
        using var tree = new SeedHostTree();
        tree.Write(SeedHostTree.Jail + "/etc/php.ini", ini);
        Assert.Empty(tree.Findings("CL4001"));
    }

    [Fact]
    public void A_d_option_in_the_wrapper_wins_over_php_ini()
    {
        using var tree = new SeedHostTree();
        tree.Write(SeedHostTree.Jail + "/cgi/php-wrapper", "#!/bin/sh\nPHPRC=/etc\nexport PHPRC\nexec /usr/bin/php-fcgi -d cgi.fix_pathinfo=1\n", "755");
        var d = Assert.Single(tree.Findings("CL4001"));
        Assert.EndsWith("/cgi/php-wrapper", d.Location.Path);
    }
}
