using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Tests.Hosting;
using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests.Analyzers.Wrapper;

public class CL6001WrapperMustExecPhpTests
{
    [Fact]
    public void PointsAtThePhpCommand()
    {
        var d = Assert.Single(WrapperLint.Run("#!/bin/sh\nexport PHPRC=/etc\n  /usr/bin/php-cgi \"$@\"\n").Only("CL6001"));
        Assert.Equal((3, 3, 19), (d.Location.Line, d.Location.Column, d.Location.EndColumn));
    }

    [Fact]
    public void ExecIsFine() => Assert.Empty(WrapperLint.Run("#!/bin/sh\nexec /usr/bin/php-cgi \"$@\"\n").Only("CL6001"));
}
