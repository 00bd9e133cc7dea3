using System.Text.RegularExpressions;
using ConfLint.Tests.Hosting;
using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests.Differential;

/// <summary>
/// jailkit's jk_check is the anchor for the jail rules: on the same jails, every setuid/setgid
/// file and every group- or world-writable directory it reports is reported by a CL7xxx rule too,
/// except the deliberate differences: a sticky directory (`/tmp` 1777, which CL7005 asks for) and a
/// directory of the user's own that only its group may write (a domain's users may share a GID).
/// </summary>
public class JailkitDifferentialTests
{
    private static readonly Regex Warning = new(@"^WARNING: (.+?)/? is (?:writable for (?:group|others)|executable for \w+ and setuid root)!+$", RegexOptions.Multiline);

    private sealed record Plant(string Path, string Mode, uint Uid, bool Directory);

    // A fixed seed: the same jails on every run.
    private static IEnumerable<List<Plant>> Scenarios(int count)
    {
        var random = new Random(7001);
        string[] dirModes = { "755", "775", "777", "1777", "2775", "757", "570" };
        string[] fileModes = { "644", "755", "4755", "2755", "6755", "4711" };
        for (int i = 0; i < count; i++)
        {
            var plants = new List<Plant>();
            int dirs = random.Next(1, 5), files = random.Next(0, 4);
            for (int d = 0; d < dirs; d++)
                plants.Add(new Plant($"/d{d}", dirModes[random.Next(dirModes.Length)], random.Next(3) == 0 ? 1007u : 0u, true));
            for (int f = 0; f < files; f++)
                plants.Add(new Plant($"/bin/f{f}", fileModes[random.Next(fileModes.Length)], random.Next(4) == 0 ? 1007u : 0u, false));
            if (random.Next(3) == 0) plants.Add(new Plant("/etc", dirModes[random.Next(dirModes.Length)], 0, true));
            yield return plants;
        }
    }

    [SkippableFact]
    public void Everything_jk_check_reports_is_reported_by_a_jail_rule()
    {
        var jkCheck = Oracle.Require("jk_check");
        Skip.IfNot(Environment.UserName == "root", "the jails need real owners (chown)");
        int reported = 0, agreed = 0, documented = 0;
        var failures = new List<string>();
        foreach (var plants in Scenarios(40))
        {
            using var tree = new SeedHostTree();
            var jail = tree.Real(SeedHostTree.Jail);
            foreach (var plant in plants)
            {
                var real = jail + plant.Path;
                if (plant.Directory) System.IO.Directory.CreateDirectory(real);
                else tree.Write(SeedHostTree.Jail + plant.Path, "x");
                Mono.Unix.Native.Syscall.chown(real, plant.Uid, plant.Uid);
                File.SetUnixFileMode(real, (UnixFileMode)Convert.ToInt32(plant.Mode, 8));
            }
            var config = Path.Combine(tree.Root, "jk_check.ini");
            File.WriteAllText(config, $"[{jail}]\n");
            var output = Processes.Run(jkCheck, "-c", config).Output;
            var findings = tree.Lint().Diagnostics.Where(d => d.Id.StartsWith("CL7", StringComparison.Ordinal)).Select(d => d.Message).ToList();
            foreach (var real in Warning.Matches(output).Select(m => m.Groups[1].Value).Distinct())
            {
                reported++;
                var hostPath = real[tree.Root.Length..];
                if (findings.Any(m => m.Contains($"'{hostPath}'", StringComparison.Ordinal))) { agreed++; continue; }
                var info = new ConfLint.Jail.JailInspector(new ConfLint.Hosting.HostFileSystem(tree.Root)).Lstat(hostPath);
                bool sticky = info.IsSticky;
                bool usersOwnGroupWritable = info.Uid != 0 && (info.Mode & ConfLint.Jail.JailFileInfo.OtherWrite) == 0;
                if (info.Kind == ConfLint.Jail.JailFileKind.Directory && (sticky || usersOwnGroupWritable)) { documented++; continue; }
                failures.Add($"jk_check: {hostPath} (mode {info.OctalMode}, uid {info.Uid}) — no CL7xxx finding; plants: {string.Join(", ", plants)}");
            }
        }
        Assert.True(reported > 30, $"the scenarios planted too little: jk_check reported {reported} paths");
        Assert.True(failures.Count == 0, $"jk_check reported {reported}: {agreed} agreed, {documented} documented differences, {failures.Count} missed:\n" + string.Join("\n", failures));
    }
}
