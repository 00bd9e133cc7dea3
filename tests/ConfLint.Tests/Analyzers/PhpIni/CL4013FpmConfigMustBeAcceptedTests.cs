using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.PhpIni;

public class CL4013FpmConfigMustBeAcceptedTests
{
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
    public void SyntaxErrorsAreCL4002AndNotCL4013()
    {
        var d = FpmLint.Run(FpmLint.Pool + "foo = \"abc\n");
        Assert.Single(d.Only("CL4002"));
        Assert.Empty(d.Only("CL4013"));
        Assert.Equal(6, d.Only("CL4002").Single().Location.Line);
    }

    [Fact]
    public void EngineOrderMarksTheErrorPhpFpmReports()
    {
        var d = FpmLint.Run(FpmLint.Pool + "pm.max_children = 0\nfoo = 1\n").Only("CL4013").ToList();
        Assert.Equal(2, d.Count);
        Assert.Contains("unknown entry 'foo'", d.MinBy(x => x.EngineOrder)!.Message);
    }
}
