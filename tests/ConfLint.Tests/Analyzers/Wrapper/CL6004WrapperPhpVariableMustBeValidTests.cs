using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Tests.Hosting;
using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests.Analyzers.Wrapper;

public class CL6004WrapperPhpVariableMustBeValidTests
{
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
