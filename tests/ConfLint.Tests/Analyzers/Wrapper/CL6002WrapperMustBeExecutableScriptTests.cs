using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Tests.Hosting;
using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests.Analyzers.Wrapper;

public class CL6002WrapperMustBeExecutableScriptTests
{
    [Fact]
    public void ModeWithoutOwnerExecuteIsReported()
    {
        var d = Assert.Single(WrapperLint.Run("#!/bin/sh\nexec php-cgi\n", (UnixFileMode)0b110_100_100).Only("CL6002"));
        Assert.Contains("0644", d.Message);
    }

    [Fact]
    public void NoDiskSkipsTheModeCheck() =>
        Assert.Empty(WrapperLint.Run("#!/bin/sh\nexec php-cgi\n", (UnixFileMode)0b110_100_100, noDisk: true).Only("CL6002"));

    [Fact]
    public void ExecutableScriptIsFine() => Assert.Empty(WrapperLint.Run("#!/bin/sh\nexec php-cgi\n").Only("CL6002"));

    [Fact]
    public void DosLineEndingBreaksTheInterpreterName()
    {
        var d = Assert.Single(WrapperLint.Run("#!/bin/sh\r\nexec php-cgi\r\n").Only("CL6002"));
        Assert.Contains("/bin/sh^M", d.Message);
    }
}
