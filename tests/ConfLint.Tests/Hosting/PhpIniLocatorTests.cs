using System.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests.Hosting;

/// <summary>
/// Differential test of the php.ini search against a real php-cgi 8.2: a copy of the binary in a
/// temp folder (so its own directory is searched), with php.ini / php-cgi-fcgi.ini planted or not
/// in the PHPRC, working and binary directories, PHPRC unset/a directory/a file, `-c`, `-n` and
/// PHP_INI_SCAN_DIR variants. php-cgi prints php_ini_loaded_file() and php_ini_scanned_files().
/// </summary>
public sealed class PhpIniLocatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("conflint-phpini-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed record Scenario(int RcFiles, int CwdFiles, int BinFiles, int Phprc, int Override, bool NoIni, int ScanDir);

    // A fixed seed: the same 120 scenarios on every run, so a failure can be reproduced.
    private static IEnumerable<Scenario> Scenarios(int count)
    {
        var random = new Random(20261125);
        for (int i = 0; i < count; i++)
            yield return new Scenario(random.Next(4), random.Next(4), random.Next(4), random.Next(3), random.Next(4), random.Next(10) == 0, random.Next(4));
    }

    [SkippableFact]
    public void Resolution_equals_php_cgi_on_generated_scenarios()
    {
        var phpCgi = Oracle.RequireFile("/usr/bin/php-cgi8.2", "/usr/bin/php-cgi");
        var (compiledIni, compiledScan) = PhpLaunch.DebianDefaults("cgi-fcgi");
        Skip.IfNot(Directory.Exists(compiledIni) || Oracle.InCi, "Debian's php-cgi configuration directory is missing");

        var sharedBinary = Path.Combine(_dir, "php-cgi");
        File.Copy(phpCgi, sharedBinary);
        File.SetUnixFileMode(sharedBinary, (UnixFileMode)Convert.ToInt32("755", 8));
        int agreed = 0, total = 0;
        var failures = new List<string>();
        foreach (var scenario in Scenarios(120))
        {
            total++;
            var root = Path.Combine(_dir, "s" + total);
            var rc = Path.Combine(root, "rc");
            var cwd = Path.Combine(root, "cwd");
            var bin = Path.Combine(root, "bin");
            var scan = Path.Combine(root, "scan");
            foreach (var d in new[] { rc, cwd, bin, scan }) Directory.CreateDirectory(d);
            Plant(rc, scenario.RcFiles);
            Plant(cwd, scenario.CwdFiles);
            Plant(bin, scenario.BinFiles);
            File.WriteAllText(Path.Combine(scan, "20-b.ini"), "b=1\n");
            File.WriteAllText(Path.Combine(scan, "10-a.ini"), "a=1\n");
            File.WriteAllText(Path.Combine(scan, "notes.txt"), "");
            File.WriteAllText(Path.Combine(rc, "custom.ini"), "c=1\n");
            // A hard link to one copy: the binary's own directory differs per scenario, and nothing is
            // written to an executable while other tests start processes (no ETXTBSY race).
            var binary = Path.Combine(bin, "php-fcgi");
            Assert.Equal(0, Mono.Unix.Native.Syscall.link(sharedBinary, binary));
            var script = Path.Combine(root, "t.php");
            File.WriteAllText(script, "<?php echo php_ini_loaded_file(), \"|\", str_replace(\",\\n\", \",\", (string)php_ini_scanned_files());");

            var env = new Dictionary<string, string>();
            if (scenario.Phprc == 1) env["PHPRC"] = rc;
            if (scenario.Phprc == 2) env["PHPRC"] = Path.Combine(rc, "custom.ini");
            if (scenario.ScanDir == 1) env["PHP_INI_SCAN_DIR"] = "";
            if (scenario.ScanDir == 2) env["PHP_INI_SCAN_DIR"] = scan;
            if (scenario.ScanDir == 3) env["PHP_INI_SCAN_DIR"] = ":" + scan;
            string? iniOverride = scenario.Override switch { 1 => rc, 2 => Path.Combine(rc, "custom.ini"), 3 => root, _ => null };

            var launch = new PhpLaunch("cgi-fcgi", binary, cwd, env, iniOverride, scenario.NoIni, compiledIni, compiledScan);
            var resolution = PhpIniLocator.Resolve(launch, File.Exists, Directory.Exists,
                d => Directory.Exists(d) ? Directory.EnumerateFileSystemEntries(d).Select(Path.GetFileName).OfType<string>() : null);
            var expected = (resolution.LoadedFile ?? "") + "|" + string.Join(",", resolution.ScannedFiles);

            var args = new List<string>();
            if (scenario.NoIni) args.Add("-n");
            if (iniOverride is not null) { args.Add("-c"); args.Add(iniOverride); }
            args.Add("-q");
            args.Add(script);
            var actual = RunPhp(binary, cwd, env, args);
            if (actual == expected) agreed++;
            else failures.Add($"{scenario}: php-cgi '{actual}' vs ConfLint '{expected}'");
        }
        Assert.True(failures.Count == 0, $"agreed {agreed}/{total}:\n" + string.Join("\n", failures));
    }

    // 0 none, 1 php.ini, 2 php-cgi-fcgi.ini, 3 both.
    private static void Plant(string dir, int which)
    {
        if ((which & 1) != 0) File.WriteAllText(Path.Combine(dir, "php.ini"), "x=1\n");
        if ((which & 2) != 0) File.WriteAllText(Path.Combine(dir, "php-cgi-fcgi.ini"), "x=1\n");
    }

    private static string RunPhp(string binary, string cwd, Dictionary<string, string> env, List<string> args)
    {
        var psi = new ProcessStartInfo(binary) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment.Clear();
        psi.Environment["PATH"] = "/usr/bin:/bin";
        foreach (var (k, v) in env) psi.Environment[k] = v;
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output.Trim();
    }

    [Fact]
    public void Fpm_and_cli_ignore_the_working_directory()
    {
        var files = new HashSet<string> { "/jail/cwd/php.ini", "/etc/php/8.2/fpm/php.ini" };
        var launch = new PhpLaunch("fpm-fcgi", "/usr/sbin/php-fpm8.2", "/jail/cwd", new Dictionary<string, string>(), null, false, "/etc/php/8.2/fpm", "");
        var resolution = PhpIniLocator.Resolve(launch, files.Contains, _ => false, _ => null);
        Assert.Equal("/etc/php/8.2/fpm/php.ini", resolution.LoadedFile);
        Assert.DoesNotContain("/jail/cwd/php.ini", resolution.Tried);
    }

    [Fact]
    public void An_unknown_working_directory_is_said()
    {
        var launch = new PhpLaunch("cgi-fcgi", "/usr/bin/php-fcgi", null, new Dictionary<string, string>(), null, false, "/etc", "");
        var resolution = PhpIniLocator.Resolve(launch, p => p == "/etc/php.ini", _ => false, _ => null);
        Assert.True(resolution.WorkingDirectoryUnknown);
        Assert.Equal("/etc/php.ini", resolution.LoadedFile);
        Assert.Equal(new[] { "/usr/bin/php-cgi-fcgi.ini", "/etc/php-cgi-fcgi.ini", "/usr/bin/php.ini", "/etc/php.ini" }, resolution.Tried);
    }
}
