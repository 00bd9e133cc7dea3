using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Handlers;

/// <summary>The variants of corpus/_oracle-e2e-local/RESULTS.md: A fails; B2, D and E serve the page.</summary>
public class CL2014ChrootedFpmNeedsInJailScriptPathTests
{
    [Fact]
    public void Variant_A_no_fix_is_reported_at_SetHandler()
    {
        using var tree = new FpmHostTree();
        var d = Assert.Single(tree.Findings("CL2014"));
        Assert.Contains("SetHandler \"proxy:unix:", File.ReadAllLines(d.Location.Path)[d.Location.Line - 1]);
    }

    [Fact]
    public void Variant_B2_ProxyFCGISetEnvIf_fixes_it()
    {
        using var tree = new FpmHostTree(vhostExtra: "    ProxyFCGISetEnvIf \"true\" SCRIPT_FILENAME \"/html%{reqenv:SCRIPT_NAME}\"");
        Assert.Empty(tree.Findings("CL2014"));
    }

    [Fact]
    public void Variant_C_doc_root_alone_does_not_fix_it()
    {
        using var tree = new FpmHostTree(poolExtra: "php_admin_value[doc_root] = /html");
        Assert.Single(tree.Findings("CL2014"));
    }

    [Fact]
    public void Variant_D_doc_root_with_fix_pathinfo_off_fixes_it()
    {
        using var tree = new FpmHostTree(poolExtra: "php_admin_value[doc_root] = /html\nphp_admin_value[cgi.fix_pathinfo] = 0");
        Assert.Empty(tree.Findings("CL2014"));
    }

    [Fact]
    public void Variant_E_a_jail_mirroring_its_host_path_fixes_it()
    {
        using var tree = new FpmHostTree();
        Directory.CreateDirectory(tree.Root + "/srv/jail/site1/srv/jail");
        File.CreateSymbolicLink(tree.Root + "/srv/jail/site1/srv/jail/site1", "/");
        Assert.Empty(tree.Findings("CL2014"));
    }
}
