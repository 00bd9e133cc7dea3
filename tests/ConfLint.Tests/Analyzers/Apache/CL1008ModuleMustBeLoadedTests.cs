using Xunit;
using static ConfLint.Tests.Analyzers.Apache.DirectiveRuleHarness;

namespace ConfLint.Tests.Analyzers.Apache;

public class CL1008ModuleMustBeLoadedTests
{
    [Fact]
    public void Known_directive_of_an_unloaded_module_says_which_LoadModule_loads_it()
    {
        var all = Lint(WithModules("RewriteEngine On\n"));
        var d = Assert.Single(all, x => x.Id == "CL1008");
        Assert.DoesNotContain(all, x => x.Id == "CL1003");
        Assert.StartsWith("Invalid command 'RewriteEngine'", d.Message);
        Assert.Contains("LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so", d.Message);
        Assert.Contains("<IfModule mod_rewrite.c>", d.Message);
    }

    [Fact]
    public void Companion_modules_are_named()
    {
        var d = Assert.Single(Only("CL1008", WithModules("ProxyFCGIBackendType FPM\n")));
        Assert.Contains("LoadModule proxy_fcgi_module", d.Message);
        Assert.Contains("after 'LoadModule proxy_module", d.Message);
    }

    [Fact]
    public void Loading_the_module_anywhere_in_the_file_is_enough()
    {
        // httpd loads modules while reading and checks names while walking the tree.
        Assert.Empty(Only("CL1008", WithModules("RewriteEngine On\n", "rewrite")));
        Assert.Empty(Only("CL1008", WithModules("RewriteEngine On\nLoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\n")));
    }

    [Fact]
    public void Inside_its_own_IfModule_the_directive_is_not_judged()
    {
        Assert.Empty(Only("CL1008", WithModules("<IfModule mod_rewrite.c>\nRewriteEngine On\n</IfModule>\n")));
    }

    [Fact]
    public void Fastcgi_and_php_directives_come_from_their_docs()
    {
        var fastcgi = Assert.Single(Only("CL1008", WithModules("FastCgiWrapper On\n")));
        Assert.Contains("fastcgi_module", fastcgi.Message);
        var php = Assert.Single(Only("CL1008", WithModules("php_admin_value open_basedir /srv\n")));
        Assert.Contains("php_module", php.Message);
    }

    [Fact]
    public void Modules_given_on_the_command_line_count_as_loaded()
    {
        Assert.Empty(Only("CL1008", WithModules("RewriteEngine On\n"), false, "rewrite_module"));
    }
}

public class CL1008StandaloneHtaccessTests
{
    [Fact]
    public void Standalone_htaccess_does_not_guess_the_loaded_modules_and_says_so_once()
    {
        var all = DirectiveRuleHarness.Lint("RewriteEngine On\nRewriteRule ^a$ /b\nExpiresActive On\n", htaccess: true);
        Assert.DoesNotContain(all, d => d.Id == "CL1008");
        var info = Assert.Single(all, d => d.Id == "CL0004");
        Assert.Contains("--module rewrite_module", info.Message);
        Assert.DoesNotContain(DirectiveRuleHarness.Lint("RewriteEngine On\n", true, "rewrite_module"), d => d.Id is "CL0004" or "CL1008");
    }

    [Fact]
    public void Arguments_are_still_checked_in_a_standalone_htaccess()
    {
        Assert.Single(DirectiveRuleHarness.Only("CL1005", "RewriteEngine maybe\n", htaccess: true));
    }
}

public class CL1008ModuleAliasTests
{
    [Fact]
    public void Php7_module_defines_the_php_value_family_too()
    {
        var text = DirectiveRuleHarness.WithModules("LoadModule php7_module /usr/lib/apache2/modules/libphp7.4.so\nphp_admin_value open_basedir /srv\n");
        Assert.Empty(DirectiveRuleHarness.Only("CL1008", text));
    }
}
