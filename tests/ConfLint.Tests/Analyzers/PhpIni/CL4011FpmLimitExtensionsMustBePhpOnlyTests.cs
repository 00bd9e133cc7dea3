using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.PhpIni;

public class CL4011FpmLimitExtensionsMustBePhpOnlyTests
{
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
