using Xunit;
using static ConfLint.Tests.Analyzers.Apache.DirectiveRuleHarness;

namespace ConfLint.Tests.Analyzers.Apache;

public class CL1004DirectiveMustBeAllowedInContextTests
{
    [Fact]
    public void SuexecUserGroup_inside_Directory()
    {
        var d = Assert.Single(Only("CL1004", WithModules("<Directory /srv>\nSuexecUserGroup web web\n</Directory>\n", "suexec")));
        Assert.StartsWith("SuexecUserGroup not allowed in <Directory> context", d.Message);
        Assert.Contains("allowed in server config, <VirtualHost>", d.Message);
        Assert.Equal(4, d.Location.Line);
    }

    [Fact]
    public void ServerName_inside_If()
    {
        var d = Assert.Single(Only("CL1004", WithModules("<If \"true\">\nServerName x\n</If>\n")));
        Assert.Contains("<If>", d.Message);
    }

    [Fact]
    public void FastCgiWrapper_inside_VirtualHost()
    {
        var d = Assert.Single(Only("CL1004", WithModules("LoadModule fastcgi_module /usr/lib/apache2/modules/mod_fastcgi.so\n<VirtualHost *:80>\nFastCgiWrapper /usr/local/bin/wrap\n</VirtualHost>\n")));
        Assert.Contains("allowed in server config", d.Message);
    }

    [Fact]
    public void Directory_only_directive_at_server_level()
    {
        Assert.Single(Only("CL1004", WithModules("AllowOverride None\n")));
        Assert.Empty(Only("CL1004", WithModules("<Directory /srv>\nAllowOverride None\n</Directory>\n")));
    }

    [Fact]
    public void Conditionals_do_not_change_the_context()
    {
        Assert.Empty(Only("CL1004", WithModules("<VirtualHost *:80>\n<IfModule mod_suexec.c>\nSuexecUserGroup a b\n</IfModule>\n</VirtualHost>\n", "suexec")));
    }

    [Fact]
    public void Nested_VirtualHost_is_refused()
    {
        Assert.Single(Only("CL1004", WithModules("<VirtualHost *:80>\n<VirtualHost *:81>\n</VirtualHost>\n</VirtualHost>\n")));
    }

    [Fact]
    public void Htaccess_refuses_directives_without_an_override_class()
    {
        var d = Assert.Single(Only("CL1004", "DocumentRoot /srv\nAddHandler cgi-script .cgi\n", htaccess: true));
        Assert.StartsWith("DocumentRoot not allowed here", d.Message);
    }
}
