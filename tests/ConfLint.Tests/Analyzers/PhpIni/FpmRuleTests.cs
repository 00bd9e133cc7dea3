using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.PhpIni;

internal static class FpmLint
{
    public const string Pool = "[www]\nuser = www-data\nlisten = /run/php/www.sock\npm = static\npm.max_children = 2\n";

    public static IReadOnlyList<Diagnostic> Run(string text, string path = "/etc/php/8.2/fpm/pool.d/www.conf", Action<TempHostTree>? setup = null, bool noDisk = false)
    {
        using var tree = new TempHostTree();
        tree.Write(path, text);
        setup?.Invoke(tree);
        return tree.Lint(new FpmFrontEnd(), path, noDisk);
    }

    public static IEnumerable<Diagnostic> Only(this IEnumerable<Diagnostic> diagnostics, string id) => diagnostics.Where(d => d.Id == id);
}

public class CL4011FpmLimitExtensionsMustBePhpOnlyTests
{
    [Fact] public void DocExamples() => RuleDocExamples.Verify("CL4011");

    [Theory]
    [InlineData("security.limit_extensions =", true)]
    [InlineData("security.limit_extensions = .php .html", true)]
    [InlineData("security.limit_extensions = .jpg", true)]
    [InlineData("security.limit_extensions = .php .phar .php7 .php5", false)]
    [InlineData("security.limit_extensions = .PHP", false)]
    [InlineData("; no limit_extensions", false)]
    public void Extensions(string line, bool reported) =>
        Assert.Equal(reported, FpmLint.Run(FpmLint.Pool + line + "\n").Only("CL4011").Any());

    [Fact]
    public void CarriesItsSecuritySeverity() => Assert.Equal(7.5, ConfLint.Analyzers.PhpIni.CL4011FpmLimitExtensionsMustBePhpOnly.Rule.SecuritySeverity);
}

public class CL4012FpmChrootMustExistTests
{
    [Fact] public void DocExamples() => RuleDocExamples.Verify("CL4012");

    [Fact]
    public void ChdirMustExistInsideTheJail()
    {
        var d = FpmLint.Run(FpmLint.Pool + "chroot = /srv/jail\nchdir = /html\n", setup: t => t.Directory_("/srv/jail/etc")).Only("CL4012").ToList();
        var one = Assert.Single(d);
        Assert.Equal(7, one.Location.Line);
        Assert.Contains("within the chroot path '/srv/jail'", one.Message);
    }

    [Fact]
    public void PrefixIsExpandedAtTheStart()
    {
        var d = Assert.Single(FpmLint.Run(FpmLint.Pool + "prefix = /srv\nchroot = $prefix/jail\n", setup: t => t.Directory_("/srv")).Only("CL4012"));
        Assert.Contains("'/srv//jail'", d.Message);
    }

    [Fact]
    public void NoDiskSkipsExistence() => Assert.Empty(FpmLint.Run(FpmLint.Pool + "chroot = /srv/none\n", noDisk: true).Only("CL4012"));
}

public class CL4013FpmConfigMustBeAcceptedTests
{
    [Fact] public void DocExamples() => RuleDocExamples.Verify("CL4013");

    [Fact]
    public void UnknownKeyPointsAtTheKeyAndSuggests()
    {
        var d = Assert.Single(FpmLint.Run(FpmLint.Pool + "pm.max_child = 4\n").Only("CL4013"));
        Assert.Equal((6, 1, 13), (d.Location.Line, d.Location.Column, d.Location.EndColumn));
        Assert.Contains("did you mean 'pm.max_children'", d.Message);
        Assert.Contains("unknown entry 'pm.max_child'", d.Message);
    }

    [Fact]
    public void ErrorsInIncludedFilesCarryTheIncludeChain()
    {
        var d = Assert.Single(FpmLint.Run("[global]\ninclude = /etc/php/8.2/fpm/pool.d/*.conf\n", "/etc/php/8.2/fpm/php-fpm.conf",
            t => t.Write("/etc/php/8.2/fpm/pool.d/www.conf", FpmLint.Pool + "catch_workers_output = maybe\n")).Only("CL4013"));
        Assert.EndsWith("pool.d/www.conf", d.Location.HostPath);
        Assert.Equal(6, d.Location.Line);
        Assert.Equal(2, Assert.Single(d.IncludeChain).Line);
    }

    [Fact]
    public void UsersAreLookedUpInTheHostsPasswd()
    {
        var d = FpmLint.Run(FpmLint.Pool.Replace("www-data", "nosuch"), setup: t => t.Write("/etc/passwd", "www-data:x:33:33::/var/www:/usr/sbin/nologin\n")).Only("CL4013");
        Assert.Contains("cannot get uid for user 'nosuch'", Assert.Single(d).Message);
    }

    [Fact]
    public void EngineOrderMarksTheErrorPhpFpmReports()
    {
        var d = FpmLint.Run(FpmLint.Pool + "pm.max_children = 0\nfoo = 1\n").Only("CL4013").ToList();
        Assert.Equal(2, d.Count);
        Assert.Contains("unknown entry 'foo'", d.MinBy(x => x.EngineOrder)!.Message);
    }
}
