using ConfLint.Hosting;
using ConfLint.Syntax.Apache;
using ConfLint.Text;
using Xunit;

namespace ConfLint.Tests.Syntax.Apache;

public class ApacheFrontEndTests
{
    private static int Recognize(InputKind kind, string path, string text = "") =>
        new ApacheFrontEnd(kind).Recognize(path, SourceText.From(text, path));

    [Theory]
    [InlineData("/etc/apache2/apache2.conf", 2)]
    [InlineData("/etc/httpd/conf/httpd.conf", 2)]
    [InlineData("/etc/apache2/sites-available/site.conf", 2)]
    [InlineData("/etc/apache2/mods-enabled/rewrite.load", 2)]
    [InlineData("/srv/conf-enabled/x.conf", 2)]
    [InlineData("/var/www/.htaccess", 0)]
    [InlineData("/etc/php/8.2/cgi/php.ini", 0)]
    public void Recognizes_apache_files_by_name(string path, int expected) => Assert.Equal(expected, Recognize(InputKind.Apache, path));

    [Theory]
    [InlineData("<VirtualHost *:80>\n</VirtualHost>\n", 1)]
    [InlineData("# c\n  LoadModule x_module x.so\n", 1)]
    [InlineData("ServerRoot /etc/apache2\n", 1)]
    [InlineData("[PHP]\nengine = On\n", 0)]
    public void Recognizes_apache_files_by_content(string text, int expected) => Assert.Equal(expected, Recognize(InputKind.Apache, "/tmp/x", text));

    [Fact]
    public void Htaccess_front_end_takes_htaccess_by_name() => Assert.Equal(2, Recognize(InputKind.Htaccess, "/var/www/.htaccess"));

    [Fact]
    public void Both_kinds_are_registered() =>
        Assert.Equal(new[] { InputKind.Apache, InputKind.Htaccess }, FrontEnds.All.OfType<ApacheFrontEnd>().Select(f => f.Kind));

    [Fact]
    public void Load_adds_the_configuration_every_source_and_the_findings()
    {
        using var tree = ApacheTestTree.WithMain("Include a.conf\nInclude missing.conf\n").File("/etc/apache2/a.conf", "ServerName a # c\n");
        var compilation = new Compilation(tree.FileSystem);
        new ApacheFrontEnd().Load(compilation, "/etc/apache2/apache2.conf", new LintRequest());
        Assert.Single(compilation.InputsOf<ApacheConfiguration>());
        Assert.Equal(2, compilation.Sources.Count);
        Assert.Contains(compilation.Diagnostics, d => d.Id == "CL1006");
        var all = compilation.Analyze();
        var trailing = Assert.Single(all, d => d.Id == "CL1011");
        Assert.Equal(1, Assert.Single(trailing.IncludeChain).Line);
    }

    [Fact]
    public void Htaccess_reads_with_the_htaccess_line_limit()
    {
        using var tree = new ApacheTestTree().File("/var/www/.htaccess", "Header set X " + new string('a', 9000) + "\n");
        var compilation = new Compilation(tree.FileSystem);
        new ApacheFrontEnd(InputKind.Htaccess).Load(compilation, "/var/www/.htaccess", new LintRequest());
        Assert.Contains(compilation.Diagnostics, d => d.Id == "CL0002");
    }
}
