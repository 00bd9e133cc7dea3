using ConfLint.Hosting.Model;
using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Chroot;

public class CL3006ChrootedPhpNeedsDocRootTests
{
    [Fact]
    public void No_doc_root_is_reported()
    {
        using var tree = new SeedHostTree();
        tree.Write(SeedHostTree.Jail + "/etc/php.ini", "cgi.fix_pathinfo = 0\n");
        Assert.Single(tree.Findings("CL3006"));
    }

    [Fact]
    public void A_doc_root_given_with_d_in_the_wrapper_counts()
    {
        using var tree = new SeedHostTree();
        tree.Write(SeedHostTree.Jail + "/etc/php.ini", "cgi.fix_pathinfo = 0\n");
        tree.Write(SeedHostTree.Jail + "/cgi/php-wrapper", "#!/bin/sh\nPHPRC=/etc\nexport PHPRC\nexec /usr/bin/php-fcgi -d doc_root=/html\n", "755");
        Assert.Empty(tree.Findings("CL3006"));
    }

    [Fact]
    public void A_jail_that_mirrors_its_host_path_needs_no_doc_root()
    {
        using var tree = new SeedHostTree();
        tree.Write(SeedHostTree.Jail + "/etc/php.ini", "cgi.fix_pathinfo = 0\n");
        Directory.CreateDirectory(tree.Real(SeedHostTree.Jail + "/www/h/o"));
        File.CreateSymbolicLink(tree.Real(SeedHostTree.Jail + SeedHostTree.Jail), "/");
        Assert.Empty(tree.Findings("CL3006"));
    }
}
