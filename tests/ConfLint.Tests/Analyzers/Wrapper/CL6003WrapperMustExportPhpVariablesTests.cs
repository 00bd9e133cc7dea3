using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Tests.Hosting;
using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests.Analyzers.Wrapper;

public class CL6003WrapperMustExportPhpVariablesTests
{
    [Theory]
    [InlineData("PHPRC=/etc/php\nexec php-cgi\n", 1)]
    [InlineData("PHPRC=/etc/php\nexport PHPRC\nexec php-cgi\n", 0)]
    [InlineData("export PHPRC=/etc/php\nexec php-cgi\n", 0)]
    [InlineData("PHPRC=/etc/php exec php-cgi\n", 0)]
    [InlineData("set -a\nPHP_FCGI_MAX_REQUESTS=100\nexec php-cgi\n", 0)]
    [InlineData("PHP_FCGI_CHILDREN=2 PHP_FCGI_MAX_REQUESTS=9\nexport PHP_FCGI_CHILDREN\nexec php-cgi\n", 1)]
    [InlineData("PHPRC=/etc/php\nexec php-cgi\nexport PHPRC\n", 1)]
    [InlineData("FOO=1\nexec php-cgi\n", 0)]
    public void UnexportedPhpVariables(string body, int expected) =>
        Assert.Equal(expected, WrapperLint.Run("#!/bin/sh\n" + body).Only("CL6003").Count());
}
