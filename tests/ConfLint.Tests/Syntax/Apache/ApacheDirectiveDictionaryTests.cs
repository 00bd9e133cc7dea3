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

    [Fact]
    public void Rows_parsed_when_looked_up_are_the_table_s_rows_in_order()
    {
        // The table as the generator wrote it: every directive row, read here on its own.
        var path = Path.Combine(RepoPaths.RepoRoot, "src/ConfLint/Syntax/Apache/apache-directives.tsv");
        var rows = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("@module\t")).Select(l => l.Split('\t')).ToList();
        var fresh = ApacheDirectiveDictionary.Parse(File.ReadAllText(path));
        // Looked up first, by a name in another case: the rows of the name, in the table's order.
        var byName = rows.GroupBy(r => r[0], StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var group in byName)
        {
            var found = fresh.Lookup(group.Key.ToUpperInvariant());
            Assert.Equal(group.Select(r => (r[0], r[1], r[2])), found.Select(d => (d.Name, d.Module, d.SourceFile)));
        }
        // Then the whole table: the same objects, in the table's order, with every field read.
        Assert.Equal(rows.Count, fresh.Directives.Length);
        for (int i = 0; i < rows.Count; i++)
        {
            var d = fresh.Directives[i];
            Assert.Same(d, fresh.Lookup(d.Name).Single(x => ReferenceEquals(x, d)));
            Assert.Equal((rows[i][0], rows[i][1], rows[i][2], rows[i][6], rows[i][9]), (d.Name, d.Module, d.SourceFile, d.MinArguments.ToString(), d.ManualContexts));
            Assert.Equal(rows[i].Length > 11 ? rows[i][11] : "", d.Description);
        }
        // Source files and identifiers: the first row of each decides, as before the rows were parsed on demand.
        foreach (var d in fresh.Directives)
        {
            Assert.Equal(fresh.Directives.First(x => x.Module == d.Module).SourceFile, fresh.SourceFileOf(d.Module));
            Assert.Equal(fresh.Directives.First(x => string.Equals(x.SourceFile, d.SourceFile, StringComparison.OrdinalIgnoreCase)).Module,
                fresh.ModuleIdentifier(d.SourceFile.ToUpperInvariant()));
            Assert.Equal(d.Module, fresh.ModuleIdentifier(d.Module));
        }
        Assert.Null(fresh.ModuleIdentifier("mod_nonesuch.c"));
    }
}
