using System.Diagnostics;
using Xunit;

namespace ConfLint.Tests.Oracles;

/// <summary>Runs a program of the machine (ldd, stat, mknod, jk_check, cp…) for a test.</summary>
public static class Processes
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;
    }

    public static Result Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + program);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a program that must succeed and returns its trimmed standard output.</summary>
    public static string Check(string program, params string[] args)
    {
        var result = Run(program, args);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', args)} failed: {result.Stderr}");
        return result.Stdout.Trim();
    }
}
