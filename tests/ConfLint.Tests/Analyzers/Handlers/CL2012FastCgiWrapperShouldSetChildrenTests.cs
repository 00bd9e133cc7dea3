using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Handlers;

public class CL2012FastCgiWrapperShouldSetChildrenTests
{
    [Fact]
    public void A_wrapper_without_children_is_reported_at_the_exec()
    {
        using var tree = new SeedHostTree();
        tree.Write(SeedHostTree.Jail + "/cgi/php-wrapper", "#!/bin/sh\nPHPRC=/etc\nexport PHPRC\nexec /usr/bin/php-fcgi\n", "755");
        var d = Assert.Single(tree.Findings("CL2012"));
        Assert.Equal(4, d.Location.Line);
    }

    [Fact]
    public void Children_set_but_not_exported_do_not_reach_php()
    {
        using var tree = new SeedHostTree();
        tree.Write(SeedHostTree.Jail + "/cgi/php-wrapper", "#!/bin/sh\nPHPRC=/etc\nexport PHPRC\nPHP_FCGI_CHILDREN=3\nexec /usr/bin/php-fcgi\n", "755");
        Assert.Single(tree.Findings("CL2012"));
    }

    [Fact]
    public void Exported_children_are_fine()
    {
        using var tree = new SeedHostTree();
        Assert.Empty(tree.Findings("CL2012"));
    }
}
