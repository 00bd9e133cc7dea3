using ConfLint.Tests.Oracles;
using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.Wrapper;

internal static class WrapperLint
{
    public static IReadOnlyList<Diagnostic> Run(string script, UnixFileMode mode = (UnixFileMode)0b111_101_101, bool noDisk = false)
    {
        using var tree = new TempHostTree();
        tree.Write("/www/h/o/host/cgi/php-wrapper", script, mode);
        return tree.Lint(new WrapperFrontEnd(), "/www/h/o/host/cgi/php-wrapper", noDisk);
    }

    public static IEnumerable<Diagnostic> Only(this IEnumerable<Diagnostic> diagnostics, string id) => diagnostics.Where(d => d.Id == id);
}

public class CL6001WrapperMustExecPhpTests
{
    [Fact] public void DocExamples() => RuleDocExamples.Verify("CL6001");

    [Fact]
    public void PointsAtThePhpCommand()
    {
        var d = Assert.Single(WrapperLint.Run("#!/bin/sh\nexport PHPRC=/etc\n  /usr/bin/php-cgi \"$@\"\n").Only("CL6001"));
        Assert.Equal((3, 3, 19), (d.Location.Line, d.Location.Column, d.Location.EndColumn));
    }

    [Fact]
    public void ExecIsFine() => Assert.Empty(WrapperLint.Run("#!/bin/sh\nexec /usr/bin/php-cgi \"$@\"\n").Only("CL6001"));
}

public class CL6002WrapperMustBeExecutableScriptTests
{
    [Fact] public void DocExamples() => RuleDocExamples.Verify("CL6002");

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
}

public class CL6003WrapperMustExportPhpVariablesTests
{
    [Fact] public void DocExamples() => RuleDocExamples.Verify("CL6003");

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

public class CL6004WrapperPhpVariableMustBeValidTests
{
    [Fact] public void DocExamples() => RuleDocExamples.Verify("CL6004");

    [Theory]
    [InlineData("PHP_FCGI_CHILDREN=-1", true)]
    [InlineData("PHP_FCGI_CHILDREN=three", true)]
    [InlineData("PHP_FCGI_MAX_REQUESTS=5k", true)]
    [InlineData("PHP_FCGI_MAX_REQUESTS=''", true)]
    [InlineData("PHP_FCGI_CHILDREN=0", false)]
    [InlineData("PHP_FCGI_MAX_REQUESTS=1000", false)]
    [InlineData("PHP_FCGI_CHILDREN=$N", false)]
    public void Values(string assignment, bool reported) =>
        Assert.Equal(reported, WrapperLint.Run($"#!/bin/sh\n{assignment}\nexport PHP_FCGI_CHILDREN PHP_FCGI_MAX_REQUESTS\nexec php-cgi\n").Only("CL6004").Any());

    [Fact]
    public void PrefixAssignmentOfTheExecIsChecked() =>
        Assert.Single(WrapperLint.Run("#!/bin/sh\nPHP_FCGI_CHILDREN=-2 exec php-cgi\n").Only("CL6004"));
}

public class CL6005WrapperMustRunCgiBuildOfPhpTests
{
    [Fact] public void DocExamples() => RuleDocExamples.Verify("CL6005");

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

/// <summary>CL6004's judgement of a value against what php-cgi itself does with it.</summary>
public class CL6004PhpCgiDifferentialTests
{
    [SkippableFact]
    public void NegativeValuesAreExactlyThoseThatStopPhpCgi()
    {
        var phpCgi = Oracle.Require("php-cgi8.2");
        var cases = new List<(string Name, string Value)>();
        foreach (var v in new[] { "-1", "-0", "abc", "3", "0", "+2", " 5", "-7x", "2x", "", "-" })
        {
            cases.Add(("PHP_FCGI_CHILDREN", v));
            cases.Add(("PHP_FCGI_MAX_REQUESTS", v));
        }
        var disagreements = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = 2 }, c =>
        {
            var socket = Path.Combine(Path.GetTempPath(), "conflint-cgi-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
            var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/timeout") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { "0.5", phpCgi, "-n", "-b", socket }) psi.ArgumentList.Add(a);
            psi.Environment[c.Name] = c.Value;
            psi.Environment.Remove(c.Name == "PHP_FCGI_CHILDREN" ? "PHP_FCGI_MAX_REQUESTS" : "PHP_FCGI_CHILDREN");
            using var p = System.Diagnostics.Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            File.Delete(socket);
            bool refused = err.Result.Contains($"{c.Name} is not valid", StringComparison.Ordinal);
            var judged = ConfLint.Analyzers.Wrapper.CL6004WrapperPhpVariableMustBeValid.Judge(c.Name, c.Value);
            bool saysRefused = judged is not null && judged.Contains("not valid", StringComparison.Ordinal);
            if (refused != saysRefused) disagreements.Add($"{c.Name}='{c.Value}': php-cgi {(refused ? "refuses" : "starts")}, ConfLint says '{judged ?? "fine"}'");
        });
        Assert.True(disagreements.IsEmpty, string.Join("\n", disagreements));
    }
}

public class CL6002ShebangLineEndingTests
{
    [Fact]
    public void DosLineEndingBreaksTheInterpreterName()
    {
        var d = Assert.Single(WrapperLint.Run("#!/bin/sh\r\nexec php-cgi\r\n").Only("CL6002"));
        Assert.Contains("/bin/sh^M", d.Message);
    }
}
