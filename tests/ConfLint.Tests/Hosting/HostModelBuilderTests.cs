using ConfLint.Hosting.Model;
using Xunit;

namespace ConfLint.Tests.Hosting;

public class HostModelBuilderTests
{
    [Fact]
    public void The_seed_host_binds_vhost_user_jail_wrapper_php_and_php_ini()
    {
        using var tree = new SeedHostTree();
        var model = tree.Model();
        Assert.True(model.UsesJails);
        var vhost = Assert.Single(model.VirtualHosts);
        Assert.Equal("host.example.com", vhost.DisplayName);
        Assert.Equal(SeedHostTree.Jail, vhost.Jail?.Root);
        Assert.Equal("/home/domain_admin", vhost.Jail?.HomeInJail);
        var backend = Assert.Single(vhost.Backends);
        Assert.Equal(PhpBackendKind.ModFastcgi, backend.Kind);
        Assert.Equal(SeedHostTree.Jail + "/cgi/php-wrapper", backend.WrapperHostPath?.Value);
        Assert.Equal("/usr/bin/php-fcgi", backend.PhpBinary?.Value);
        Assert.Equal(SeedHostTree.Jail + "/usr/bin/php-fcgi", backend.PhpBinaryHostPath);
        Assert.Equal("3", backend.Environment["PHP_FCGI_CHILDREN"].Value);
        Assert.Equal("/etc/php.ini", backend.IniResolution?.LoadedFile);
        Assert.Equal("/html", backend.Setting("doc_root")?.Value);
        Assert.Equal("0", backend.Setting("cgi.fix_pathinfo")?.Value);
        Assert.Equal(
            "[client] -> [Apache *:80 host.example.com] -> [mod_fastcgi] -> [fcgi-pm] -> [FastCgiWrapper /usr/local/apache2/bin/suexec-fcgi] -> [php-wrapper PHP_FCGI_CHILDREN=3] -> [php-fcgi ×3]",
            string.Join(" -> ", backend.Chain.Select(s => s.Label)));
    }

    [Fact]
    public void Wrapper_d_options_override_php_ini()
    {
        using var tree = new SeedHostTree();
        tree.Write(SeedHostTree.Jail + "/cgi/php-wrapper", "#!/bin/sh\nPHPRC=/etc\nexport PHPRC\nexec /usr/bin/php-fcgi -d doc_root=/srv -d cgi.fix_pathinfo=1\n", "755");
        var backend = tree.Model().VirtualHosts.Single().Backends.Single();
        Assert.Equal("/srv", backend.Setting("doc_root")?.Value);
        Assert.Equal("-d", backend.Setting("doc_root")?.Origin);
        Assert.Equal("1", backend.Setting("cgi.fix_pathinfo")?.Value);
    }

    [Fact]
    public void Without_PHPRC_the_jailed_php_searches_its_own_paths_inside_the_jail()
    {
        using var tree = new SeedHostTree();
        tree.Write(SeedHostTree.Jail + "/cgi/php-wrapper", "#!/bin/sh\nexec /usr/bin/php-fcgi\n", "755");
        tree.Write(SeedHostTree.Jail + "/usr/bin/php.ini", "doc_root = /bin-dir\n");
        var backend = tree.Model().VirtualHosts.Single().Backends.Single();
        Assert.Equal("/usr/bin/php.ini", backend.IniResolution?.LoadedFile);
        Assert.Equal("/bin-dir", backend.Setting("doc_root")?.Value);
    }

    [Fact]
    public void A_wrapper_that_is_a_compiled_program_is_php_itself_and_not_read_as_a_script()
    {
        using var tree = new SeedHostTree();
        var program = new byte[20_000];
        new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1 }.CopyTo(program, 0);
        File.WriteAllBytes(tree.Real(SeedHostTree.Jail + "/cgi/php-wrapper"), program);

        var lint = tree.Lint();
        foreach (var model in new[] { tree.Model(), lint.Compilation.InputsOf<HostModel>().Single() })
        {
            var backend = model.VirtualHosts.Single().Backends.Single();
            Assert.Null(backend.Wrapper);
            Assert.Equal("/cgi/php-wrapper", backend.PhpBinary?.Value);
            Assert.Equal("[php-wrapper]", backend.Chain[^1].Label);
        }
        Assert.DoesNotContain(lint.Diagnostics, d => d.Id is "CL0001" or "CL0002");
    }

    // A main server that maps .php to the mod_fastcgi wrapper at /cgi/php-wrapper for every vhost, with these aliases.
    private static void WriteMainServer(SeedHostTree tree, string aliases) => tree.Write("/etc/apache2/apache2.conf", $"""
        ServerRoot /etc/apache2
        FastCgiWrapper /usr/local/apache2/bin/suexec-fcgi
        AddHandler php-fastcgi .php
        Action php-fastcgi /cgi/php-wrapper
        {aliases}
        <Location /cgi/>
            SetHandler fastcgi-script
        </Location>
        IncludeOptional sites-enabled/*.conf
        """);

    [Fact]
    public void Directives_of_two_names_are_taken_in_the_order_the_main_server_has_them()
    {
        using var tree = new SeedHostTree();
        // Alias and ScriptAlias are one list to mod_alias: here the ScriptAlias comes between two Aliases, and the last of
        // the three that matches /cgi/ is the ScriptAlias (an Alias /cgi/ before it, an Alias /x/ after it).
        WriteMainServer(tree, $"""
            Alias /cgi/ /srv/aliased/cgi/
            ScriptAlias /cgi/ {SeedHostTree.Jail}/cgi/
            Alias /x/ /srv/x/
            """);
        tree.Write("/etc/apache2/sites-enabled/host.conf", """
            <VirtualHost *:80>
                ServerName host.example.com
                SuexecUserGroup domain_admin domain_admin
            </VirtualHost>
            """);
        var vhost = tree.Model().VirtualHosts.Single(v => v.DisplayName == "host.example.com");
        var backend = Assert.Single(vhost.Backends);
        Assert.Equal(SeedHostTree.Jail + "/cgi/php-wrapper", backend.WrapperHostPath?.Value);
        Assert.Equal("ScriptAlias", backend.ActionTargetMapping?.Value);
    }

    [Fact]
    public void Handlers_and_aliases_of_the_main_server_apply_to_every_vhost_and_the_vhost_s_own_come_after_them()
    {
        using var tree = new SeedHostTree();
        // The main server maps .php and the wrapper's URL; one vhost relies on it all, the other aliases /cgi/ to its own
        // jail (the later alias wins) and sets its own FastCGI location; a third has only a different Action.
        WriteMainServer(tree, $"ScriptAlias /cgi/ {SeedHostTree.Jail}/cgi/");
        tree.Write("/etc/apache2/sites-enabled/host.conf", $$"""
            <VirtualHost *:80>
                ServerName host.example.com
                SuexecUserGroup domain_admin domain_admin
            </VirtualHost>
            <VirtualHost *:80>
                ServerName other.example.com
                SuexecUserGroup domain_admin domain_admin
                ScriptAlias /cgi/ /srv/other/cgi/
            </VirtualHost>
            <VirtualHost *:80>
                ServerName third.example.com
                SuexecUserGroup domain_admin domain_admin
                Action php-fastcgi /cgi/php-cgi
            </VirtualHost>
            """);
        var vhosts = tree.Model().VirtualHosts.Where(v => v.Section is not null).ToDictionary(v => v.DisplayName);
        var first = Assert.Single(vhosts["host.example.com"].Backends);
        Assert.Equal(PhpBackendKind.ModFastcgi, first.Kind);
        Assert.Equal(SeedHostTree.Jail + "/cgi/php-wrapper", first.WrapperHostPath?.Value);
        Assert.Equal("ScriptAlias", first.ActionTargetMapping?.Value);
        Assert.EndsWith("/etc/apache2/apache2.conf", first.ActionTargetMapping!.Location!.Path);
        var second = Assert.Single(vhosts["other.example.com"].Backends);
        Assert.Equal("/srv/other/cgi/php-wrapper", second.WrapperHostPath?.Value);
        Assert.EndsWith("/etc/apache2/sites-enabled/host.conf", second.ActionTargetMapping!.Location!.Path);
        Assert.Equal(PhpBackendKind.ModFastcgi, second.Kind);
        var third = Assert.Single(vhosts["third.example.com"].Backends);
        Assert.Equal(SeedHostTree.Jail + "/cgi/php-cgi", third.WrapperHostPath?.Value);
        Assert.Equal(PhpBackendKind.ModFastcgi, third.Kind);
    }

    [Fact]
    public void Stock_suexec_means_no_jails()
    {
        using var tree = new SeedHostTree();
        var model = tree.Lint(new HostingOptions { SuexecChroot = SuexecChrootMode.No }).Compilation.InputsOf<HostModel>().Single();
        Assert.False(model.UsesJails);
        Assert.Null(model.VirtualHosts.Single().Jail);
    }

    [Fact]
    public void The_seed_host_has_no_errors()
    {
        using var tree = new SeedHostTree();
        var errors = tree.Lint().Diagnostics.Where(d => d.Severity == ConfLint.Diagnostics.Severity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Of_two_env_entries_of_one_name_in_a_pool_PHP_FPM_sets_the_first()
    {
        // FPM prepends each env[] to the pool's list and sets them from its head, so the first in the file is set last.
        using var tree = new FpmHostTree(poolExtra: "env[PHPRC] = /etc/first.ini\nenv[PHPRC] = /etc/second.ini\n");
        tree.Write("/srv/jail/site1/etc/first.ini", "doc_root = /html\n");
        tree.Write("/srv/jail/site1/etc/second.ini", "doc_root = /html\n");
        var backend = tree.Model().VirtualHosts.Single().Backends.Single();
        Assert.Equal("/etc/first.ini", backend.IniResolution?.LoadedFile);
    }
}
