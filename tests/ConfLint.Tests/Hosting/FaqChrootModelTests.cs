using ConfLint.Hosting;
using Xunit;

namespace ConfLint.Tests.Hosting;

/// <summary>
/// examples/faq-chroot as whole hosts: broken/ shows each of the seed's cross-file traps at its
/// line, and fixed/ (after prepare-jail.sh makes the device nodes and /tmp that git cannot store)
/// has no finding at all.
/// </summary>
public sealed class FaqChrootModelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("conflint-faq-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Copy(string example)
    {
        var target = Path.Combine(_dir, example);
        Run("cp", "-a", RepoPaths.InRepo("examples/faq-chroot/" + example), target);
        return target;
    }

    private static void Run(string program, params string[] args) => ConfLint.Tests.Oracles.Processes.Check(program, args);

    [Theory]
    [InlineData("CL3001", "sites-available/other.example.com.conf", 4)]
    [InlineData("CL3005", "host.example.com/etc/php.ini", 5)]
    [InlineData("CL4001", "host.example.com/etc/php.ini", 7)]
    [InlineData("CL3007", "host.example.com/cgi/php5-wrapper", 6)]
    [InlineData("CL3006", "host.example.com/cgi/php5-wrapper", 6)]
    [InlineData("CL6001", "other.example.com/cgi/php-wrapper", 3)]
    [InlineData("CL2012", "other.example.com/cgi/php-wrapper", 3)]
    [InlineData("CL1002", "sites-available/host.example.com.conf", 25)]
    public void Broken_shows_each_trap_of_the_seed_at_its_line(string rule, string file, int line)
    {
        var result = LintRunner.Run(new LintRequest { Paths = new[] { Copy("broken") } });
        Assert.Contains(result.Diagnostics, d => d.Id == rule && d.Location.Path.EndsWith(file, StringComparison.Ordinal) && d.Location.Line == line);
    }

    [SkippableFact]
    public void Fixed_after_prepare_jail_has_no_finding()
    {
        Skip.IfNot(Environment.UserName == "root", "prepare-jail.sh needs root (mknod)");
        var tree = Copy("fixed");
        Run(RepoPaths.InRepo("examples/faq-chroot/prepare-jail.sh"), tree);
        var result = LintRunner.Run(new LintRequest { Paths = new[] { tree } });
        Assert.True(result.Diagnostics.Count == 0, string.Join("\n", result.Diagnostics));
    }
}
