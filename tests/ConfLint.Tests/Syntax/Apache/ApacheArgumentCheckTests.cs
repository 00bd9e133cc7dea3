using ConfLint.Syntax.Apache;
using Xunit;

namespace ConfLint.Tests.Syntax.Apache;

public class ApacheArgumentCheckTests
{
    private static string? Check(string name, params string[] words) =>
        ApacheArgumentCheck.Check(ApacheDirectiveDictionary.Httpd24.Lookup(name)[0], words);

    [Fact]
    public void Take1_gives_httpd_s_message_with_the_directive_description()
    {
        Assert.Equal("ServerName takes one argument, The hostname and port of the server", Check("ServerName"));
        Assert.Equal("ServerName takes one argument, The hostname and port of the server", Check("ServerName", "a", "#", "c"));
        Assert.Null(Check("ServerName", "a"));
    }

    [Fact]
    public void An_empty_quoted_first_word_counts_as_missing()
    {
        Assert.NotNull(Check("ServerName", ""));
    }

    [Fact]
    public void Action_takes_two_or_three_and_the_third_must_be_virtual()
    {
        Assert.StartsWith("Action takes two or three arguments", Check("Action", "x"));
        Assert.Null(Check("Action", "x", "/y"));
        Assert.Null(Check("Action", "x", "/y", "virtual"));
        Assert.Equal("unrecognized option 'foo'", Check("Action", "x", "/y", "foo"));
        Assert.NotNull(Check("Action", "x", "/y", "virtual", "z"));
    }

    [Fact]
    public void Flag_must_be_on_or_off_and_ignores_later_words()
    {
        Assert.Equal("RewriteEngine must be On or Off", Check("RewriteEngine", "yes"));
        Assert.Equal("RewriteEngine must be On or Off", Check("RewriteEngine"));
        Assert.Null(Check("RewriteEngine", "oN"));
        Assert.Null(Check("RewriteEngine", "on", "#", "comment"));
    }

    [Fact]
    public void Iterate2_needs_two()
    {
        Assert.StartsWith("AddHandler requires at least two arguments", Check("AddHandler", "php-script"));
        Assert.Null(Check("AddHandler", "php-script", ".php", ".phtml"));
    }

    [Fact]
    public void Raw_args_are_not_counted()
    {
        Assert.Null(Check("RewriteRule"));
        Assert.Null(Check("RewriteCond", "a", "b", "c", "d", "e"));
    }
}

public class ApacheHandlerFormTests
{
    private static string? Check(string name, DirectiveContexts context, params string[] words) =>
        ApacheArgumentCheck.Check(ApacheDirectiveDictionary.Httpd24.Lookup(name)[0], words, ApacheFormContext.Default with { Context = context });

    [Theory]
    [InlineData("Either all Options must start with + or -, or no Option may.", "-Indexes", "Includes")]
    [InlineData("Either all Options must start with + or -, or no Option may.", "Indexes", "+Includes")]
    [InlineData("Illegal option Foo", "+Foo", "Indexes")]
    [InlineData("You may not use 'Options +None' or 'Options -None'.", "+None")]
    [InlineData(null, "None", "Indexes")]
    [InlineData(null, "+ExecCGI", "-MultiViews")]
    public void Options_as_set_options_checks_them(string? expected, params string[] words) =>
        Assert.Equal(expected, Check("Options", DirectiveContexts.Directory, words));

    [Theory]
    [InlineData("Argument for 'Require all' must be 'granted' or 'denied'", "all")]
    [InlineData("Argument for 'Require all' must be 'granted' or 'denied'", "all", "granted", "#")]
    [InlineData("Unknown Authz provider: all granted", "all granted")]
    [InlineData("Unknown Authz provider: ", new string[0])]
    [InlineData("negative Require directive has no effect in <RequireAny> directive", "not", "ip", "10.0.0.1")]
    [InlineData(null, "valid-user")]
    public void Require_as_mod_authz_core_checks_it(string? expected, params string[] words) =>
        Assert.Equal(expected, Check("Require", DirectiveContexts.Directory, words));

    [Fact]
    public void Alias_one_word_form_only_in_Location()
    {
        Assert.Equal("Alias must have two arguments when used globally", Check("Alias", DirectiveContexts.Server, "/x"));
        Assert.Null(Check("Alias", DirectiveContexts.Location, "/x"));
        Assert.Equal("Alias cannot occur within directory context", Check("Alias", DirectiveContexts.Location, "/x", "/y"));
    }

    [Fact]
    public void Listen_LogLevel_AllowOverride_IndexOptions_SetEnvIf()
    {
        Assert.Equal("Listen requires 1 or 2 arguments.", Check("Listen", DirectiveContexts.Server, "80", "http", "#"));
        Assert.NotNull(Check("LogLevel", DirectiveContexts.Server, "warn", "#"));
        Assert.Null(Check("LogLevel", DirectiveContexts.Server, "rewrite:trace3", "warn"));
        Assert.Equal("Illegal override option #", Check("AllowOverride", DirectiveContexts.Directory, "None", "#"));
        Assert.Equal("Invalid directory indexing option", Check("IndexOptions", DirectiveContexts.Server, "FancyIndexing", "Foo"));
        Assert.Equal("Missing envariable expression for BrowserMatch", Check("BrowserMatch", DirectiveContexts.Server, "MSIE"));
    }

    [Fact]
    public void Header_ProxyPass_FileETag_SSL_and_CustomLog_forms()
    {
        Assert.StartsWith("first argument must be 'add'", Check("Header", DirectiveContexts.Server, "always", "X-Foo", "bar"));
        Assert.Null(Check("Header", DirectiveContexts.Server, "always", "set", "X-Foo", "bar"));
        Assert.Equal("ProxyPass|ProxyPassMatch needs a path when not defined in a location", Check("ProxyPassMatch", DirectiveContexts.VirtualHost, "fcgi://127.0.0.1:9000/"));
        Assert.Null(Check("ProxyPass", DirectiveContexts.Location, "fcgi://127.0.0.1:9000/"));
        Assert.Equal("Invalid ProxyPass|ProxyPassMatch parameter. Parameter must be in the form 'key=value'.",
            Check("ProxyPass", DirectiveContexts.Server, "/a", "http://b/", "#"));
        Assert.Equal("Unknown keyword 'Foo' for FileETag directive", Check("FileETag", DirectiveContexts.Directory, "MTime", "Foo"));
        Assert.Equal("SSLProtocol: Illegal protocol '#'", Check("SSLProtocol", DirectiveContexts.Server, "all", "-SSLv3", "#"));
        Assert.Equal("protocol 'HIGH' not supported", Check("SSLCipherSuite", DirectiveContexts.Server, "HIGH", "MEDIUM"));
        Assert.Equal("error in condition clause", Check("CustomLog", DirectiveContexts.Server, "/var/log/a", "combined", "x"));
    }
}
