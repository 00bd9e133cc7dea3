using System.Diagnostics;
using ConfLint.Cli;
using Xunit;

namespace ConfLint.Tests.Cli;

/// <summary>
/// The program's own check that a checkout's sources are not newer than its build answers as the launcher's find(1) did:
/// `find src rules ( -name obj -o -name bin ) -prune -o -type f -newer STAMP -print -quit`.
/// </summary>
public sealed class CheckoutBuildTests : IDisposable
{
    private readonly string _checkout = Directory.CreateTempSubdirectory("conflint-checkout-").FullName;
    private string Stamp => Path.Combine(_checkout, ".conflint-build", CheckoutBuild.StampName);

    public void Dispose() => Directory.Delete(_checkout, recursive: true);

    private void Write(string relative, DateTime modified)
    {
        var path = Path.Combine(_checkout, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        File.SetLastWriteTimeUtc(path, modified);
    }

    // What the launcher's find said: the first newer file's path, or "" for none.
    private string Find()
    {
        var psi = new ProcessStartInfo("find") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _checkout };
        foreach (var a in new[] { "src", "rules", "(", "-name", "obj", "-o", "-name", "bin", ")", "-prune", "-o", "-type", "f", "-newer", Stamp, "-print", "-quit" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return output.Length == 0 ? "" : Path.GetFullPath(Path.Combine(_checkout, output));
    }

    [Fact]
    public void Newer_sources_are_found_where_find_finds_them_and_nowhere_else()
    {
        var built = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(Stamp, CheckoutBuild.NewerSource(_checkout, Stamp)); // never built
        Write("src/ConfLint/Text/A.cs", built.AddMinutes(-5));
        Write("rules/CL0001.md", built.AddMinutes(-5));
        Write(".conflint-build/" + CheckoutBuild.StampName, built);
        Write("src/ConfLint/obj/Release/B.cs", built.AddMinutes(5));   // build output: not a source
        Write("src/ConfLint.Cli/bin/C.dll", built.AddMinutes(5));
        Write("tests/T.cs", built.AddMinutes(5));                      // not under src/ or rules/
        File.CreateSymbolicLink(Path.Combine(_checkout, "src/link.cs"), Path.Combine(_checkout, "tests/T.cs"));
        Write("src/same-second.cs", built);                             // not newer: as old as the stamp
        Assert.Equal("", Find());
        Assert.Null(CheckoutBuild.NewerSource(_checkout, Stamp));

        Write("src/ConfLint/Syntax/Deep/D.cs", built.AddSeconds(1));
        Assert.Equal(Path.Combine(_checkout, "src/ConfLint/Syntax/Deep/D.cs"), Find());
        Assert.Equal(Find(), CheckoutBuild.NewerSource(_checkout, Stamp));

        File.SetLastWriteTimeUtc(Path.Combine(_checkout, "src/ConfLint/Syntax/Deep/D.cs"), built.AddMinutes(-1));
        Write("rules/CL0002.md", built.AddMinutes(1));
        Assert.Equal(Find(), CheckoutBuild.NewerSource(_checkout, Stamp));
    }

    [Fact]
    public void Without_a_checkout_the_program_goes_on_at_once()
    {
        var saved = Environment.GetEnvironmentVariable(CheckoutBuild.CheckoutVariable);
        try
        {
            Environment.SetEnvironmentVariable(CheckoutBuild.CheckoutVariable, null);
            Assert.Null(CheckoutBuild.Start()?.GetAwaiter().GetResult());
            // A checkout whose build is current: nothing to rebuild either.
            Write("src/A.cs", DateTime.UtcNow.AddMinutes(-1));
            Write(".conflint-build/" + CheckoutBuild.StampName, DateTime.UtcNow);
            Environment.SetEnvironmentVariable(CheckoutBuild.CheckoutVariable, _checkout);
            Assert.Null(CheckoutBuild.Start()?.GetAwaiter().GetResult());
        }
        finally
        {
            Environment.SetEnvironmentVariable(CheckoutBuild.CheckoutVariable, saved);
        }
    }

    [Fact]
    public void A_newer_source_hands_the_run_to_the_launcher_before_the_command_runs()
    {
        // The checkout's launcher, as the program runs it to rebuild: it says how it was called and exits 7.
        var calls = Path.Combine(_checkout, "calls");
        File.WriteAllText(Path.Combine(_checkout, "conflint"), $"#!/bin/sh\necho \"$CONFLINT_REBUILD $*\" > '{calls}'\nexit 7\n");
        Write("src/A.cs", DateTime.UtcNow);
        Write(".conflint-build/" + CheckoutBuild.StampName, DateTime.UtcNow.AddMinutes(-1));
        var saved = Environment.GetEnvironmentVariable(CheckoutBuild.CheckoutVariable);
        try
        {
            Environment.SetEnvironmentVariable(CheckoutBuild.CheckoutVariable, _checkout);
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            Assert.Equal(7, Program.Run(["rules"], stdout, stderr, CheckoutBuild.Start()));
            Assert.Equal("", stdout.ToString()); // the stale build listed no rules
            Assert.Equal("1 rules", File.ReadAllText(calls).Trim());
            // With the build current, the command runs.
            Write(".conflint-build/" + CheckoutBuild.StampName, DateTime.UtcNow.AddMinutes(1));
            Assert.Equal(Program.ExitClean, Program.Run(["rules"], stdout, stderr, CheckoutBuild.Start()));
            Assert.Contains("CL7001", stdout.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(CheckoutBuild.CheckoutVariable, saved);
        }
    }
}
