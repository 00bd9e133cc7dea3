using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.PhpIni;

public class CL4012FpmChrootMustExistTests
{
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
