using System.Text.Json;
using ConfLint.Hosting;
using ConfLint.Reporting;
using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Reporting;

public class ModelDumpsTests
{
    private static (string Text, JsonElement Json) Dump(TempHostTree tree, IFrontEnd frontEnd, string path)
    {
        var compilation = tree.Load(frontEnd, path);
        var text = new StringWriter();
        Dumps.Write(compilation, new DumpOptions(Json: false, Raw: false, IncludesOnly: false), text);
        var json = new StringWriter();
        Dumps.Write(compilation, new DumpOptions(Json: true, Raw: false, IncludesOnly: false), json);
        return (text.ToString(), JsonDocument.Parse(json.ToString()).RootElement.Clone());
    }

    [Fact]
    public void FpmDumpShowsEffectiveKeysAfterIncludesWithFileAndLine()
    {
        using var tree = new TempHostTree();
        tree.Write("/etc/php/8.2/fpm/php-fpm.conf", "[global]\npid = /run/php/fpm.pid\ninclude = /etc/php/8.2/fpm/pool.d/*.conf\n");
        tree.Write("/etc/php/8.2/fpm/pool.d/site.conf", "[site]\nuser = site\nlisten = /run/php/$pool.sock\npm = static\npm.max_children = 2\npm.max_children = 4\nprefix = /srv\nchroot = $prefix/jail\nphp_admin_value[doc_root] = /html\n");
        tree.Directory_("/srv/jail");
        var (text, json) = Dump(tree, new FpmFrontEnd(), "/etc/php/8.2/fpm/php-fpm.conf");
        Assert.Contains("listen = /run/php/site.sock    ; /etc/php/8.2/fpm/pool.d/site.conf:3", text);
        Assert.Contains("pm.max_children = 4    ; /etc/php/8.2/fpm/pool.d/site.conf:6", text);
        Assert.Contains("chroot = $prefix/jail  (php-fpm uses /srv//jail)", text);
        Assert.Contains("php_admin_value[doc_root] = /html", text);
        Assert.Contains("(included from /etc/php/8.2/fpm/php-fpm.conf:3)", text);
        var pool = json.GetProperty("pools")[0];
        Assert.Equal("site", pool.GetProperty("name").GetString());
        var maxChildren = pool.GetProperty("settings").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "pm.max_children");
        Assert.Equal(4, maxChildren.GetProperty("number").GetInt32());
        Assert.Equal(6, maxChildren.GetProperty("line").GetInt32());
    }

    [Fact]
    public void WrapperDumpShowsEnvironmentExecAndPhpOptions()
    {
        using var tree = new TempHostTree();
        tree.Write("/cgi/php-wrapper", "#!/bin/sh\nPHPRC=/etc/php\nexport PHPRC\nPHP_FCGI_CHILDREN=3\nexec /usr/bin/php-fcgi -c /etc/php/php.ini -d open_basedir=/html:/tmp\n", (UnixFileMode)0b111_101_101);
        var (text, json) = Dump(tree, new WrapperFrontEnd(), "/cgi/php-wrapper");
        Assert.Contains("PHPRC=/etc/php  exported  ; assigned line 2, exported line 3", text);
        Assert.Contains("PHP_FCGI_CHILDREN=3  not exported", text);
        Assert.Contains("php: exec /usr/bin/php-fcgi  ; line 5", text);
        Assert.Contains("option -d open_basedir=/html:/tmp  ; line 5", text);
        Assert.Equal("0755", json.GetProperty("mode").GetString());
        Assert.Equal("/etc/php/php.ini", json.GetProperty("php").GetProperty("options")[0].GetProperty("value").GetString());
        Assert.Equal("/etc/php", json.GetProperty("php").GetProperty("environment").GetProperty("PHPRC").GetString());
    }

    [Fact]
    public void PasswdDumpShowsTheJailSplit()
    {
        using var tree = new TempHostTree();
        tree.Write("/etc/passwd", "domain_admin:x:1007:1007:USER NAME:/www/h/o/host.example.com/./home/domain_admin:/bin/bash\n");
        var (text, json) = Dump(tree, new PasswdFrontEnd(), "/etc/passwd");
        Assert.Contains("jail /www/h/o/host.example.com, home in jail /home/domain_admin", text);
        Assert.Equal("/www/h/o/host.example.com", json.GetProperty("users")[0].GetProperty("jail").GetString());
    }
}
