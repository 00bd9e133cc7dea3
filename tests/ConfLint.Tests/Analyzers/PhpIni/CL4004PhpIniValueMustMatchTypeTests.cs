using ConfLint.Syntax.Ini;
using ConfLint.Tests.Oracles;
using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace ConfLint.Tests.Analyzers.PhpIni;

public sealed class CL4004PhpIniValueMustMatchTypeTests
{
    [Theory]
    [InlineData("display_startup_errors = O", "boolean")]
    [InlineData("log_errors = Onn", "boolean")]
    [InlineData("memory_limit = 128MB", "size")]
    [InlineData("post_max_size = lots", "size")]
    [InlineData("max_execution_time = 30s", "integer")]
    [InlineData("session.cookie_samesite = Relaxed", "enumeration")]
    [InlineData("display_errors = maybe", "enumeration")]
    public void Bad_values_are_reported(string line, string type)
    {
        var d = Assert.Single(PhpIniLint.Of("CL4004", line));
        Assert.Contains(type, d.Message);
        Assert.Equal(line.IndexOf('=') + 3, d.Location.Column);
    }

    [Theory]
    [InlineData("display_startup_errors = 0")]
    [InlineData("log_errors = On")]
    [InlineData("log_errors = \"yes\"")]
    [InlineData("memory_limit = -1")]
    [InlineData("memory_limit = 128M")]
    [InlineData("opcache.optimization_level = 0x7FFEBFFF")]
    [InlineData("session.cookie_samesite = Strict")]
    [InlineData("display_errors = stderr")]
    [InlineData("error_reporting = E_ALL & ~E_DEPRECATED & ~E_STRICT")]
    [InlineData("upload_max_filesize = ${UPLOAD}")]
    public void Good_values_are_not_reported(string line)
    {
        Assert.Empty(PhpIniLint.Of("CL4004", line));
    }

    [Fact]
    public void Unknown_constant_in_an_expression_is_reported_at_the_name()
    {
        var d = Assert.Single(PhpIniLint.Of("CL4004", "error_reporting = E_ALL & ~E_NOTCE\n"));
        Assert.Contains("'E_NOTCE' is not a PHP constant", d.Message);
        Assert.Equal(28, d.Location.Column);
    }

    public static readonly string[] Quantities =
    {
        "128M", "1G", "0", "-1", "+5", " 12 ", "12 K", "0x10", "0o17", "0b101", "0x", "0z1", "1KB", "abc", "", "1.5M", "08", "0K",
        "99999999999999999999", "12k ", "-0x1", "1g", "--1", "0b", "0xG", "7 M", "M", "010", "0777", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "0x7FFFFFFFFFFFFFFF", "0x8000000000000000", "1 2", "1KK",
    };

    [SkippableFact]
    public void Quantity_validation_agrees_with_php_ini_parse_quantity()
    {
        var php = Oracle.Require("php");
        var psi = new ProcessStartInfo(php) { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-n");
        psi.ArgumentList.Add("-r");
        psi.ArgumentList.Add("$out = []; foreach (json_decode($argv[1]) as $q) { error_clear_last(); @ini_parse_quantity($q); $out[] = error_get_last() === null; } echo json_encode($out);");
        psi.ArgumentList.Add(JsonSerializer.Serialize(Quantities));
        using var p = Process.Start(psi)!;
        var valid = JsonSerializer.Deserialize<bool[]>(p.StandardOutput.ReadToEnd())!;
        p.WaitForExit();
        var mismatches = Quantities.Where((q, i) => (PhpValueValidator.ValidateQuantity(q) is null) != valid[i])
            .Select(q => $"'{q}': php valid={valid[Array.IndexOf(Quantities, q)]}").ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
