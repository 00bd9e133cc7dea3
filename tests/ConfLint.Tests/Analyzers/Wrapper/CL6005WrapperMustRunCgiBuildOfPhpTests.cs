using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Tests.Hosting;
using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests.Analyzers.Wrapper;

public class CL6005WrapperMustRunCgiBuildOfPhpTests
{
    [Theory]
    [InlineData("/usr/bin/php", true)]
    [InlineData("php5", true)]
    [InlineData("/usr/bin/php8.2", true)]
    [InlineData("/usr/bin/php-cgi8.2", false)]
    [InlineData("/usr/bin/php-fcgi", false)]
    [InlineData("/usr/bin/php5-fcgi", false)]
    [InlineData("/usr/local/bin/php-cgi", false)]
    public void ProgramNames(string program, bool reported) =>
        Assert.Equal(reported, WrapperLint.Run($"#!/bin/sh\nexec {program}\n").Only("CL6005").Any());
}
