using System.Diagnostics;
using System.Text;
using ConfLint.Syntax.Passwd;
using ConfLint.Tests.Oracles;
using ConfLint.Text;
using Xunit;
using Xunit.Abstractions;

namespace ConfLint.Tests.Syntax.Passwd;

/// <summary>
/// Generated passwd and group files are bind-mounted over /etc/passwd and /etc/group in a
/// private mount namespace and listed with `getent`, which reads them through glibc's
/// nss_files: the entries ConfLint takes as usable must be exactly those glibc returns.
/// </summary>
public class PasswdGlibcDifferentialTests
{
    private readonly ITestOutputHelper _output;

    public PasswdGlibcDifferentialTests(ITestOutputHelper output) => _output = output;

    private static readonly string[] Ids = { "1000", "0", "007", " 10", "\t11", "+12", "-1", "abc", "", "4294967295", "4294967296", "0x10", "13 ", "1e3", "99999999999" };
    private static readonly string[] Names = { "alice", "bob", "domain_admin", "www-data", "", "  lead", "x.y", "#c" };

    [SkippableFact]
    public void UsablePasswdEntriesAreThoseGlibcReturns()
    {
        var (unshare, getent) = Require();
        var random = new Random(77);
        var lines = new List<string>();
        for (int n = 0; n < 300; n++)
        {
            var fields = new List<string>
            {
                Names[random.Next(Names.Length)] + (random.Next(3) == 0 ? n.ToString() : ""), "x", Ids[random.Next(Ids.Length)], Ids[random.Next(Ids.Length)],
                random.Next(4) == 0 ? "USER NAME" : "", random.Next(3) == 0 ? $"/www/h/o/h{n}/./home/u" : "/home/u", "/bin/sh",
            };
            int count = random.Next(10) switch { 0 => 3, 1 => 4, 2 => 5, 3 => 6, _ => 7 };
            lines.Add(string.Join(':', fields.Take(count)));
            if (random.Next(20) == 0) lines.Add("");
        }
        var text = string.Join('\n', lines) + "\n";
        var glibc = GetEnt(unshare, getent, "passwd", text);
        var file = PasswdFile.Parse(SourceText.From(text));
        var ours = file.Entries.Where(e => e.IsUsable)
            .Select(e => $"{e.Name.Text}:{e.Password.Text}:{e.Uid}:{e.Gid}:{e.Gecos.Text}:{e.Home.Text}:{e.Shell.Text}").ToList();
        _output.WriteLine($"passwd: {ours.Count} usable entries, glibc returned {glibc.Count} of {lines.Count} lines");
        Assert.Equal(glibc, ours);
    }

    [SkippableFact]
    public void UsableGroupEntriesAreThoseGlibcReturns()
    {
        var (unshare, getent) = Require();
        var random = new Random(78);
        var members = new[] { "", "a", "a,b", "a, b ,,c", "www-data,domain_admin", " x" };
        var lines = new List<string>();
        for (int n = 0; n < 300; n++)
        {
            var fields = new[] { Names[random.Next(Names.Length)] + n, "x", Ids[random.Next(Ids.Length)], members[random.Next(members.Length)] };
            int count = random.Next(8) switch { 0 => 2, 1 => 3, _ => 4 };
            lines.Add(string.Join(':', fields.Take(count)));
        }
        var text = string.Join('\n', lines) + "\n";
        var glibc = GetEnt(unshare, getent, "group", text);
        var file = GroupFile.Parse(SourceText.From(text));
        var ours = file.Entries.Where(e => e.IsUsable)
            .Select(e => $"{e.Name.Text}:{e.Password.Text}:{e.Gid}:{string.Join(',', e.Members.Select(m => m.Text))}").ToList();
        _output.WriteLine($"group: {ours.Count} usable entries, glibc returned {glibc.Count} of {lines.Count} lines");
        Assert.Equal(glibc, ours);
    }

    private static (string Unshare, string GetEnt) Require()
    {
        var unshare = Oracle.Require("unshare");
        var getent = Oracle.Require("getent");
        Skip.IfNot(Environment.UserName == "root", "bind-mounting over /etc/passwd in a private mount namespace needs root");
        return (unshare, getent);
    }

    private static List<string> GetEnt(string unshare, string getent, string database, string content)
    {
        var file = Path.Combine(Path.GetTempPath(), $"conflint-{database}-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(file, content);
        try
        {
            var psi = new ProcessStartInfo(unshare) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--mount", "sh", "-c", $"mount --bind \"$1\" /etc/{database} && exec {getent} {database}", "sh", file }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Skip.If(output.Length == 0 && err.Result.Contains("mount", StringComparison.Ordinal), "cannot bind-mount here: " + err.Result);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
