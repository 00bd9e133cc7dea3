using ConfLint.Analyzers.Apache;
using ConfLint.Syntax.Apache;
using Xunit;

namespace ConfLint.Tests.Syntax.Apache;

public class ApacheLoaderTests
{
    private static string[] Names(ApacheConfiguration c) => c.ActiveDirectives().Select(d => d.Directive!.Name + (d.Directive.Arguments.Length > 0 ? " " + string.Join(' ', d.Directive.Arguments.Select(a => a.Value)) : "")).ToArray();

    [Fact]
    public void Include_reads_files_in_place_in_read_order()
    {
        using var t = ApacheTestTree.WithMain("A 1\nInclude conf.d/x.conf\nB 2\n")
            .File("/etc/apache2/conf.d/x.conf", "X 1\n");
        var c = t.Load();
        Assert.Equal(new[] { "A 1", "Include conf.d/x.conf", "X 1", "B 2" }, Names(c));
        var x = c.ActiveDirectives().Single(d => d.Directive!.Name == "X").Directive!;
        Assert.Equal("/etc/apache2/conf.d/x.conf", x.Source.HostPath);
        Assert.Single(x.IncludeChain);
        Assert.Equal(2, x.IncludeChain[0].Line);
        Assert.Empty(c.Diagnostics);
    }

    [Fact]
    public void Wildcards_match_sorted_by_byte_order_and_skip_dotfiles()
    {
        using var t = ApacheTestTree.WithMain("Include sites/*.conf\n")
            .File("/etc/apache2/sites/b.conf", "B\n")
            .File("/etc/apache2/sites/A.conf", "UpperA\n")
            .File("/etc/apache2/sites/a.conf", "LowerA\n")
            .File("/etc/apache2/sites/.hidden.conf", "Hidden\n")
            .File("/etc/apache2/sites/c.txt", "Txt\n");
        Assert.Equal(new[] { "UpperA", "LowerA", "B" }, Names(t.Load()).Skip(1));
    }

    [Fact]
    public void A_directory_is_included_recursively_with_dotfiles()
    {
        using var t = ApacheTestTree.WithMain("Include conf.d\n")
            .File("/etc/apache2/conf.d/.dot", "Dot\n")
            .File("/etc/apache2/conf.d/sub/z.conf", "Z\n")
            .File("/etc/apache2/conf.d/a", "A\n");
        Assert.Equal(new[] { "Dot", "A", "Z" }, Names(t.Load()).Skip(1));
    }

    [Fact]
    public void Wildcards_in_directory_components_match_directories_only()
    {
        using var t = ApacheTestTree.WithMain("Include vhosts/*/site.conf\n")
            .File("/etc/apache2/vhosts/one/site.conf", "One\n")
            .File("/etc/apache2/vhosts/two/site.conf", "Two\n")
            .File("/etc/apache2/vhosts/file", "NotADir\n");
        Assert.Equal(new[] { "One", "Two" }, Names(t.Load()).Skip(1));
    }

    [Fact]
    public void Missing_include_is_CL1006_with_httpd_wording_but_not_for_IncludeOptional()
    {
        using var t = ApacheTestTree.WithMain("Include missing.conf\nIncludeOptional nothing/*.conf\nIncludeOptional gone.conf\n");
        var d = Assert.Single(t.Load().Diagnostics);
        Assert.Equal("CL1006", d.Id);
        Assert.Equal("Could not open configuration file /etc/apache2/missing.conf: No such file or directory", d.Message);
        Assert.Equal(1, d.Location.Line);
        Assert.Equal(9, d.Location.Column);
    }

    [Fact]
    public void Wildcard_without_matches_is_CL1006()
    {
        using var t = ApacheTestTree.WithMain("Include sites/*.conf\n").Dir("/etc/apache2/sites");
        var d = Assert.Single(t.Load().Diagnostics);
        Assert.Equal("Include/IncludeOptional: No matches for the wildcard '*.conf' in '/etc/apache2/sites', failing", d.Message);
    }

    [Fact]
    public void Include_cycle_is_reported_once_and_reading_goes_on()
    {
        using var t = ApacheTestTree.WithMain("Include a.conf\nAfter x\n")
            .File("/etc/apache2/a.conf", "Include b.conf\n")
            .File("/etc/apache2/b.conf", "Include a.conf\n");
        var c = t.Load();
        var d = Assert.Single(c.Diagnostics);
        Assert.Equal("CL1006", d.Id);
        Assert.Contains("include cycle", d.Message);
        Assert.Contains("Exceeded maximum include depth of 128", d.Message);
        Assert.Equal("/etc/apache2/b.conf", d.Location.HostPath);
        Assert.Equal(2, d.IncludeChain.Length);
        Assert.Contains("After x", Names(c));
    }

    [Fact]
    public void Relative_includes_follow_the_ServerRoot_directive()
    {
        using var t = ApacheTestTree.WithMain("ServerRoot /srv/httpd\nInclude conf/x.conf\n")
            .File("/srv/httpd/conf/x.conf", "X\n");
        var c = t.Load();
        Assert.Empty(c.Diagnostics);
        Assert.Equal("/srv/httpd", c.ServerRoot);
        Assert.Contains("X", Names(c));
    }

    [Fact]
    public void Absolute_symlinks_are_followed_inside_the_root()
    {
        using var t = ApacheTestTree.WithMain("IncludeOptional sites-enabled/*.conf\n")
            .File("/etc/apache2/sites-available/site.conf", "Site\n")
            .Symlink("/etc/apache2/sites-enabled/site.conf", "/etc/apache2/sites-available/site.conf");
        var c = t.Load();
        Assert.Empty(c.Diagnostics);
        Assert.Contains("Site", Names(c));
    }

    [Fact]
    public void Define_and_variables_expand_before_tokenising()
    {
        using var t = ApacheTestTree.WithMain("Define ROOT /var/www\nDefine PAIR \"a b\"\nDocumentRoot ${ROOT}/html\nX ${PAIR}\nY '${ROOT}'\n");
        var c = t.Load();
        Assert.Contains("DocumentRoot /var/www/html", Names(c));
        Assert.Contains("X a b", Names(c));
        Assert.Contains("Y /var/www", Names(c));
        var doc = c.ActiveDirectives().Single(d => d.Directive!.Name == "DocumentRoot").Directive!;
        Assert.Equal("${ROOT}/html", doc.Source.ToString(doc.Arguments[0].Span));
    }

    [Fact]
    public void Undefined_variable_is_CL1007_except_names_with_colons_and_comments()
    {
        using var t = ApacheTestTree.WithMain("# ${IN_COMMENT}\nErrorLog ${LOGS}/e.log\nX ${env:FOO}\nDefine FLAG\nY ${FLAG}\n");
        var ds = t.Load().Diagnostics;
        Assert.Equal(new[] { "Config variable ${LOGS} is not defined", "Config variable ${FLAG} is not defined" }, ds.Select(d => d.Message));
        Assert.All(ds, d => Assert.Equal("CL1007", d.Id));
        Assert.Equal(10, ds[0].Location.Column);
    }

    [Fact]
    public void Debian_envvars_beside_the_main_file_are_the_environment()
    {
        using var t = ApacheTestTree.WithMain("ErrorLog ${APACHE_LOG_DIR}/error.log\nPidFile ${APACHE_PID_FILE}\n")
            .File("/etc/apache2/envvars", "unset HOME\nif [ x ]; then\n\tSUFFIX=\"-x\"\nelse\n\tSUFFIX=\nfi\nexport APACHE_LOG_DIR=/var/log/apache2$SUFFIX\nexport APACHE_PID_FILE=\"/var/run/apache2${SUFFIX}/apache2.pid\"\n");
        var c = t.Load();
        Assert.Empty(c.Diagnostics);
        Assert.Contains("ErrorLog /var/log/apache2/error.log", Names(c));
        Assert.Contains("PidFile /var/run/apache2/apache2.pid", Names(c));
    }

    [Fact]
    public void IfModule_accepts_source_names_and_identifiers_and_follows_LoadModule_order()
    {
        using var t = ApacheTestTree.WithMain(
            "<IfModule mod_rewrite.c>\nBefore\n</IfModule>\n" +
            "LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\n" +
            "<IfModule mod_rewrite.c>\nBySource\n</IfModule>\n<IfModule rewrite_module>\nById\n</IfModule>\n<IfModule !rewrite_module>\nNegated\n</IfModule>\n" +
            "<IfModule mod_version.c>\nBuiltIn\n</IfModule>\n")
            .File("/usr/lib/apache2/modules/mod_rewrite.so", "elf");
        var c = t.Load();
        var names = Names(c);
        Assert.DoesNotContain("Before", names);
        Assert.Contains("BySource", names);
        Assert.Contains("ById", names);
        Assert.DoesNotContain("Negated", names);
        Assert.Contains("BuiltIn", names);
        Assert.Equal(2, c.Diagnostics.Count(d => d.Id == "CL1009"));
        Assert.Contains(c.Walk(includeInactive: true), n => n.Node is ApacheConfigDirective { Name: "Before", IsActive: false });
    }

    [Fact]
    public void Requested_modules_and_defines_count_like_LoadModule_and_dash_D()
    {
        using var t = ApacheTestTree.WithMain("<IfModule mod_fastcgi.c>\nF\n</IfModule>\n<IfDefine SSL>\nS\n</IfDefine>\n<IfModule version_module>\nV\n</IfModule>\n");
        var c = t.Load(options: new ApacheLoadOptions { Modules = new[] { "mod_fastcgi.c", "!version_module" }, Defines = new[] { "SSL" } });
        Assert.Equal(new[] { "F", "S" }, Names(c));
    }

    [Fact]
    public void IfVersion_compares_with_missing_parts_as_zero_and_regexes()
    {
        using var t = ApacheTestTree.WithMain(
            "<IfVersion >= 2.4>\nGe\n</IfVersion>\n<IfVersion 2.4>\nEqShort\n</IfVersion>\n<IfVersion = /^2\\.4\\./>\nRe\n</IfVersion>\n<IfVersion !~ ^3>\nNotRe\n</IfVersion>\n<IfVersion < 2.2>\nOld\n</IfVersion>\n");
        Assert.Equal(new[] { "Ge", "Re", "NotRe" }, Names(t.Load(options: new ApacheLoadOptions { HttpdVersion = "2.4.71" })));
    }

    [Fact]
    public void IfFile_is_relative_to_ServerRoot_under_the_root()
    {
        using var t = ApacheTestTree.WithMain("<IfFile magic>\nHas\n</IfFile>\n<IfFile /nope>\nNope\n</IfFile>\n<IfFile !/nope>\nNotNope\n</IfFile>\n")
            .File("/etc/apache2/magic", "x");
        Assert.Equal(new[] { "Has", "NotNope" }, Names(t.Load()));
    }

    [Fact]
    public void IfDirective_without_a_dictionary_is_skipped_and_said_once()
    {
        using var t = ApacheTestTree.WithMain("<IfDirective Foo>\nA\n</IfDirective>\n<IfDirective Bar>\nB\n</IfDirective>\n");
        var c = t.Load(options: new ApacheLoadOptions { IsKnownDirective = null });
        Assert.Empty(Names(c));
        Assert.Single(c.Diagnostics, d => d.Id == "CL0004");
        // With the directive dictionary (the default), httpd's answer: neither name exists.
        Assert.Empty(Names(t.Load()));
        Assert.DoesNotContain(t.Load().Diagnostics, d => d.Id == "CL0004");
        var known = t.Load(options: new ApacheLoadOptions { IsKnownDirective = (n, _) => n == "Foo" });
        Assert.Equal(new[] { "A" }, Names(known));
    }

    [Fact]
    public void Inactive_blocks_track_only_nesting_and_do_not_expand_variables()
    {
        using var t = ApacheTestTree.WithMain("<IfModule nope>\n<Directory ${UNDEFINED}>\nInclude missing.conf\n</Directory>\n</IfModule>\nAfter\n");
        var c = t.Load();
        Assert.Equal(new[] { "After" }, Names(c));
        Assert.Equal(new[] { "CL1009" }, c.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void Sections_nest_with_enclosing_context_across_includes()
    {
        using var t = ApacheTestTree.WithMain("<VirtualHost *:80>\nInclude vhost.inc\n</VirtualHost>\n")
            .File("/etc/apache2/vhost.inc", "<Directory /var/www>\nOptions None\n</Directory>\n");
        var c = t.Load();
        var ctx = c.ActiveDirectives().Single(d => d.Directive!.Name == "Options");
        Assert.Equal(new[] { ApacheSectionKind.VirtualHost, ApacheSectionKind.Directory }, ctx.Sections.Select(s => s.Kind));
        Assert.Equal(ApacheSectionKind.Directory, ctx.Directive!.Parent!.Kind);
        Assert.Equal(ApacheSectionKind.VirtualHost, ctx.Directive.Parent.Parent!.Kind);
        Assert.Single(c.VirtualHosts);
    }

    [Fact]
    public void A_section_cannot_span_files()
    {
        using var t = ApacheTestTree.WithMain("Include open.conf\n</Directory>\n").File("/etc/apache2/open.conf", "<Directory /x>\n");
        var ds = t.Load().Diagnostics.OrderBy(d => d.EngineOrder).ToList();
        Assert.Equal(new[] { "CL1001", "CL1002" }, ds.Select(d => d.Id));
        Assert.Equal("/etc/apache2/open.conf:1: <Directory> was not closed.", ds[0].Message);
        Assert.Equal("</Directory> without matching <Directory> section", ds[1].Message);
    }

    [Fact]
    public void Read_phase_errors_come_before_walk_phase_order()
    {
        using var t = ApacheTestTree.WithMain("ServerName a # comment\nInclude nope.conf\n");
        var ds = t.Lint();
        var include = ds.Single(d => d.Id == "CL1006");
        var trailing = ds.Single(d => d.Id == "CL1011");
        Assert.True(include.EngineOrder < trailing.EngineOrder);
    }

    [Fact]
    public void Macro_definitions_expand_at_Use_when_mod_macro_is_loaded()
    {
        using var t = ApacheTestTree.WithMain(
            "LoadModule macro_module /usr/lib/apache2/modules/mod_macro.so\n" +
            "<Macro VHost $name $port>\n<VirtualHost *:$port>\nServerName $name\n</VirtualHost>\n</Macro>\n" +
            "Use VHost a.example 80\nUse VHost b.example 8080\nUndefMacro VHost\nUse VHost c.example 80\n")
            .File("/usr/lib/apache2/modules/mod_macro.so", "elf");
        var c = t.Load();
        Assert.Empty(c.Diagnostics);
        var hosts = c.VirtualHosts.ToList();
        Assert.Equal(2, hosts.Count);
        Assert.Equal("*:8080", hosts[1].Arguments[0].Value);
        var name = c.ActiveDirectives().Where(d => d.Directive!.Name == "ServerName").Select(d => d.Directive!).ToList();
        Assert.Equal(new[] { "a.example", "b.example" }, name.Select(n => n.Arguments[0].Value));
        Assert.Equal(4, name[0].Line.FirstLine);
        Assert.Equal(7, name[0].IncludeChain[0].Line);
    }

    [Fact]
    public void Htaccess_runs_conditionals_but_not_server_only_directives()
    {
        using var t = new ApacheTestTree().File("/var/www/.htaccess", "Include x.conf\n<IfModule mod_rewrite.c>\nRewriteEngine On\n</IfModule>\n");
        var c = t.Load("/var/www/.htaccess", new ApacheLoadOptions { IsHtaccess = true });
        Assert.True(c.IsHtaccess);
        Assert.Equal(new[] { "Include x.conf" }, Names(c));
        Assert.All(c.Walk(true), n => Assert.True(n.InHtaccess));
        Assert.DoesNotContain(c.Diagnostics, d => d.Id == "CL1006");
    }

    [Fact]
    public void Missing_main_file_is_CL0001_and_yields_an_empty_configuration()
    {
        using var t = new ApacheTestTree();
        var c = t.Load();
        Assert.Empty(c.Nodes);
        Assert.Equal("CL0001", Assert.Single(c.Diagnostics).Id);
    }

    [Fact]
    public void Nodes_link_to_their_syntax_and_keep_continuation_spans()
    {
        using var t = ApacheTestTree.WithMain("Header set X \\\n  \"a b\"\n");
        var d = t.Load().ActiveDirectives().Single().Directive!;
        Assert.NotNull(d.Syntax);
        Assert.Equal(1, d.Line.FirstLine);
        Assert.Equal(2, d.HttpdLineNumber);
        Assert.Equal("a b", d.Arguments[2].Value);
        Assert.Equal("\"a b\"", d.Source.ToString(d.Arguments[2].Span));
    }
}
