using System.Text.Json;
using ConfLint.Syntax.Apache;
using Xunit;

namespace ConfLint.Tests.Syntax.Apache;

public class ApacheDumpTests
{
    private static ApacheConfiguration Sample(ApacheTestTree tree) =>
        tree.File("/etc/apache2/apache2.conf", "Define D /srv\nInclude conf.d/*.conf\n<IfModule nope>\nHidden on\n</IfModule>\n<VirtualHost *:80>\nDocumentRoot ${D}\n</VirtualHost>\n")
            .File("/etc/apache2/conf.d/a.conf", "ServerAdmin a@b\n")
            .Load();

    [Fact]
    public void Text_dump_lists_every_node_with_file_and_line()
    {
        using var tree = new ApacheTestTree();
        var text = ApacheDump.ToText(Sample(tree));
        Assert.Contains("/etc/apache2/conf.d/a.conf:1: ServerAdmin a@b    # core_module in server config\n", text);
        Assert.Contains("/etc/apache2/apache2.conf:7:   DocumentRoot /srv    # core_module in <VirtualHost>\n", text);
        Assert.Contains("/etc/apache2/apache2.conf:4:   #! Hidden on\n", text);
        Assert.Contains("# skipped: module nope is not loaded", text);
        Assert.DoesNotContain("Hidden", ApacheDump.ToText(Sample(tree), includeInactive: false));
    }

    [Fact]
    public void Json_dump_is_valid_and_holds_the_tree()
    {
        using var tree = new ApacheTestTree();
        using var doc = JsonDocument.Parse(ApacheDump.ToJson(Sample(tree)));
        var root = doc.RootElement;
        Assert.Equal("/etc/apache2/apache2.conf", root.GetProperty("main").GetString());
        Assert.Equal(2, root.GetProperty("files").GetArrayLength());
        var nodes = root.GetProperty("nodes");
        var include = nodes[1];
        Assert.Equal("Include", include.GetProperty("name").GetString());
        Assert.Equal("ServerAdmin", include.GetProperty("expansion")[0].GetProperty("name").GetString());
        var ifmodule = nodes[2];
        Assert.False(ifmodule.GetProperty("condition").GetBoolean());
        Assert.False(ifmodule.GetProperty("children")[0].GetProperty("active").GetBoolean());
        Assert.Equal("/srv", root.GetProperty("variables").GetProperty("D").GetString());
        var documentRoot = nodes[3].GetProperty("children")[0];
        Assert.Equal("core_module", documentRoot.GetProperty("module").GetString());
        Assert.Equal("core.c", documentRoot.GetProperty("moduleSource").GetString());
        Assert.Equal("virtualhost", documentRoot.GetProperty("context").GetString());
    }

    [Fact]
    public void Includes_listing_matches_httpds_format()
    {
        using var tree = new ApacheTestTree();
        Assert.Equal("Included configuration files:\n  (*) /etc/apache2/apache2.conf\n    (2) /etc/apache2/conf.d/a.conf\n",
            ApacheDump.IncludesText(Sample(tree)));
    }
}
