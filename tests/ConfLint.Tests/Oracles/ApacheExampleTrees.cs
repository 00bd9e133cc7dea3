using System.Text.RegularExpressions;

namespace ConfLint.Tests.Oracles;

/// <summary>
/// Host trees built from the corpus's FastCGI/suexec and chroot examples, for the directive
/// differential. Their templates carry placeholders, filled from committed value maps
/// (corpus/fastcgi-suexec-examples/values.tsv, corpus/chroot-examples/values.tsv); the users they
/// run as come from the tree's etc/passwd through libnss_wrapper.
/// </summary>
public static class ApacheExampleTrees
{
    public static IReadOnlyList<string> Names { get; } = new[] { "imscp-fastcgi-suexec", "ajbevau-chroot" };

    public static ApacheSetup Build(string name) => name switch
    {
        "imscp-fastcgi-suexec" => Imscp(),
        "ajbevau-chroot" => Ajbevau(),
        _ => throw new ArgumentException("unknown tree " + name, nameof(name)),
    };

    private static readonly Regex Placeholder = new(@"\{[A-Z_]+\}");

    /// <summary>Replaces every placeholder of the map (longest first); a {NAME} left unfilled throws, so a new one is noticed.</summary>
    private static string Fill(string text, IReadOnlyDictionary<string, string> values, bool braces)
    {
        foreach (var (key, value) in values.OrderByDescending(kv => kv.Key.Length)) text = text.Replace(key, value, StringComparison.Ordinal);
        if (braces && Placeholder.Match(text) is { Success: true } left) throw new KeyNotFoundException($"no value for {left.Value}");
        return text;
    }

    /// <summary>
    /// i-MSCP 1.0.x's master and customer vhost templates with mod_fcgid and suexec
    /// (SuexecUserGroup, FCGIWrapper), its fcgid and fastcgi module configs and 1.5.3's fcgid config,
    /// under corpus/fastcgi-suexec-examples/httpd.conf at ServerRoot /etc/imscp-apache.
    /// mod_fastcgi is not installable here: its &lt;IfModule mod_fastcgi.c&gt; blocks stay inactive
    /// for both tools, so what they contain is compared only for structure.
    /// </summary>
    public static ApacheSetup Imscp()
    {
        var source = RepoPaths.RequireCorpus("fastcgi-suexec-examples");
        var values = ApacheTrees.LoadValues(RepoPaths.InRepo("corpus/fastcgi-suexec-examples/values.tsv"));
        const string root = "/etc/imscp-apache";
        var tree = HostTree.Create("imscp");
        tree.Write(root + "/httpd.conf", File.ReadAllText(RepoPaths.InRepo("corpus/fastcgi-suexec-examples/httpd.conf")));
        void Template(string relative, string target) =>
            tree.Write(root + "/" + target, Fill(File.ReadAllText(Path.Combine(source, relative)), values, braces: true));
        Template("imscp-1.0.x/configs/debian/apache/fcgid_imscp.conf", "mods/fcgid_imscp.conf");
        Template("imscp-1.0.x/configs/debian/apache/fastcgi_imscp.conf", "mods/fastcgi_imscp.conf");
        Template("imscp-1.5.3/configs/debian/php/fcgi/apache_fcgid_module.conf", "mods/zz_fcgid_module.conf");
        Template("imscp-1.0.x/configs/debian/apache/00_master_fcgi.conf", "sites/00_master.conf");
        Template("imscp-1.0.x/configs/debian/apache/parts/domain-fcgi.tpl", "sites/example.com.conf");
        tree.Write($"{root}/{values["{APACHE_CUSTOM_SITES_CONFIG_DIR}"]}/{values["{DMN_NAME}"]}.conf", "# customer additions\n");
        ApacheTrees.AddHostFacts(tree, new[] { ("vu2000", 2000), ("vu2001", 2001), ("statistics", 2100) });
        return new ApacheSetup("imscp-fastcgi-suexec", tree, root + "/httpd.conf", root);
    }

    private static readonly Regex BuiltInLoadModule = new(@"^\s*LoadModule\s+(unixd|log_config|logio|version|so|watchdog)_module\s", RegexOptions.IgnoreCase);
    private static readonly Regex ServerRootLine = new(@"^\s*ServerRoot\s", RegexOptions.IgnoreCase);

    /// <summary>
    /// ajbevau/apachevarnishchroot's /opt/apache24/conf (PHP-FPM pools chrooted, reached through
    /// mod_proxy_fcgi) plus a customer vhost from skel/http_aliases.tpl. Wrapped for Debian's
    /// httpd: `modules` links to Debian's module folder, built-in modules' LoadModule lines and the
    /// ServerRoot line are commented out (line numbers kept), the modules its vhosts use but its
    /// modules.load omits (an MPM, authz_core, alias, rewrite, proxy, proxy_fcgi, ssl) are appended to
    /// modules.load, and its APACHE_* variables come from an envvars file.
    /// </summary>
    public static ApacheSetup Ajbevau()
    {
        var source = Path.Combine(RepoPaths.RequireCorpus("chroot-examples"), "ajbevau-apachevarnishchroot");
        var values = ApacheTrees.LoadValues(RepoPaths.InRepo("corpus/chroot-examples/values.tsv"));
        const string root = "/opt/apache24";
        var tree = HostTree.Create("ajbevau");
        tree.CopyDirectory(Path.Combine(source, "install/opt/apache24"), root);
        tree.Write(root + "/conf/httpd.conf", ApacheTrees.CommentOutLines(tree.ReadText(root + "/conf/httpd.conf"), l => ServerRootLine.IsMatch(l)));
        var load = ApacheTrees.CommentOutLines(tree.ReadText(root + "/conf/modules.d/modules.load"), l => BuiltInLoadModule.IsMatch(l)).TrimEnd('\n') + "\n" +
                   string.Concat(new[] { "mpm_event", "authz_core", "alias", "rewrite", "proxy", "proxy_fcgi", "ssl" }
                       .Select(m => $"LoadModule {m}_module modules/mod_{m}.so\n"));
        tree.Write(root + "/conf/modules.d/modules.load", load);
        tree.Symlink(root + "/modules", ApacheTrees.DebianModuleDir);
        var site = Fill(File.ReadAllText(Path.Combine(source, "skel/http_aliases.tpl")), values.Where(kv => !kv.Key.StartsWith("APACHE_")).ToDictionary(), braces: false);
        tree.Write(root + "/conf/vhosts.d/example.com.conf", site);
        tree.Write(root + "/conf/envvars", string.Concat(values.Where(kv => kv.Key.StartsWith("APACHE_")).Select(kv => $"export {kv.Key}={kv.Value}\n")));
        ApacheTrees.AddHostFacts(tree);
        return new ApacheSetup("ajbevau-chroot", tree, root + "/conf/httpd.conf", root) { EnvVarsFile = root + "/conf/envvars" };
    }
}
