using ConfLint.Syntax.Apache;
using Xunit;

namespace ConfLint.Tests.Syntax.Apache;

public class ApacheDirectiveDictionaryTests
{
    private static readonly ApacheDirectiveDictionary Dictionary = ApacheDirectiveDictionary.Httpd24;

    private static ApacheDirectiveInfo One(string name, string? module = null)
    {
        var found = Dictionary.Lookup(name);
        Assert.False(found.IsEmpty, $"{name} is not in the dictionary");
        return module is null ? found[0] : found.Single(d => d.Module == module);
    }

    [Fact]
    public void Header_names_the_probed_engine_version()
    {
        Assert.Contains("Apache/2.4", Dictionary.Header);
    }

    [Fact]
    public void Holds_every_module_the_brief_names()
    {
        var modules = Dictionary.Directives.Select(d => d.Module).ToHashSet();
        foreach (var m in new[] { "core_module", "http_module", "so_module", "watchdog_module", "log_config_module", "logio_module",
                     "version_module", "unixd_module", "mpm_event_module", "mpm_prefork_module", "mpm_worker_module", "rewrite_module",
                     "fcgid_module", "fastcgi_module", "php_module", "suexec_module", "proxy_fcgi_module", "actions_module" })
            Assert.Contains(m, modules);
        Assert.True(Dictionary.Directives.Length > 800);
    }

    [Theory]
    [InlineData("servername", "ServerName", "core_module", ArgumentKind.Take1)]
    [InlineData("Action", "Action", "actions_module", ArgumentKind.Take23)]
    [InlineData("RewriteEngine", "RewriteEngine", "rewrite_module", ArgumentKind.Flag)]
    [InlineData("AddHandler", "AddHandler", "mime_module", ArgumentKind.Iterate2)]
    [InlineData("SuexecUserGroup", "SuexecUserGroup", "suexec_module", ArgumentKind.Take2)]
    [InlineData("FcgidWrapper", "FcgidWrapper", "fcgid_module", ArgumentKind.Take123)]
    [InlineData("php_admin_value", "php_admin_value", "php_module", ArgumentKind.Take2)]
    [InlineData("RewriteRule", "RewriteRule", "rewrite_module", ArgumentKind.RawArgs)]
    public void Knows_name_module_and_argument_kind(string lookup, string name, string module, ArgumentKind kind)
    {
        var d = One(lookup);
        Assert.Equal(name, d.Name);
        Assert.Equal(module, d.Module);
        Assert.Equal(kind, d.Arguments);
    }

    [Fact]
    public void Contexts_are_the_engine_s()
    {
        Assert.False(One("FastCgiWrapper", "fastcgi_module").AllowedIn(DirectiveContexts.VirtualHost));
        Assert.True(One("FastCgiWrapper", "fastcgi_module").FromDocumentation);
        Assert.False(One("SuexecUserGroup").AllowedIn(DirectiveContexts.Directory));
        Assert.True(One("SuexecUserGroup").AllowedIn(DirectiveContexts.VirtualHost));
        Assert.False(One("ServerName").AllowedIn(DirectiveContexts.If));
        Assert.False(One("AllowOverride").AllowedIn(DirectiveContexts.Server));
        Assert.True(One("AllowOverride").AllowedIn(DirectiveContexts.Directory));
        Assert.False(One("AllowOverride").AllowedIn(DirectiveContexts.Htaccess));
        Assert.True(One("RewriteEngine").AllowedIn(DirectiveContexts.Htaccess));
        Assert.Equal(OverrideClass.FileInfo, One("RewriteEngine").Override);
        Assert.Equal(OverrideClass.AuthConfig, One("Require").Override);
        Assert.True(One("php_value").AllowedIn(DirectiveContexts.Htaccess));
        Assert.False(One("php_admin_value").AllowedIn(DirectiveContexts.Htaccess));
    }

    [Fact]
    public void Refusal_messages_are_httpd_s()
    {
        Assert.Equal("ServerName not allowed in <Directory> context", One("ServerName").RefusalMessage(DirectiveContexts.Directory));
        Assert.Equal("AllowOverride not allowed here", One("AllowOverride").RefusalMessage(DirectiveContexts.Server));
        Assert.Contains("<If>", One("ServerName").RefusalMessage(DirectiveContexts.If));
    }

    [Fact]
    public void Modules_know_their_LoadModule_line_and_companions()
    {
        var proxyFcgi = Dictionary.FindModule("proxy_fcgi_module");
        Assert.NotNull(proxyFcgi);
        Assert.Equal("LoadModule proxy_fcgi_module /usr/lib/apache2/modules/mod_proxy_fcgi.so", proxyFcgi!.LoadModuleLine);
        Assert.Contains("proxy_module", proxyFcgi.Companions);
        Assert.Equal("rewrite_module", Dictionary.ModuleIdentifier("mod_rewrite.c"));
        Assert.Equal("rewrite_module", Dictionary.ModuleIdentifier("rewrite_module"));
        Assert.Equal("mod_fcgid.c", Dictionary.SourceFileOf("fcgid_module"));
    }

    [Theory]
    [InlineData("RewriteEngin", "RewriteEngine")]
    [InlineData("servernme", "ServerName")]
    [InlineData("DocumnetRoot", "DocumentRoot")]
    [InlineData("FcgidWraper", "FcgidWrapper")]
    public void Suggests_the_nearest_name(string typo, string expected)
    {
        Assert.Equal(expected, Dictionary.NearestName(typo));
    }

    [Fact]
    public void Suggests_nothing_for_a_name_far_from_all()
    {
        Assert.Null(Dictionary.NearestName("Xyzzyplughfoo"));
    }
}
