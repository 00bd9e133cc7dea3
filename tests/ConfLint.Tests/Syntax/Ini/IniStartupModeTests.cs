using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConfLint.Syntax.Ini;
using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests.Syntax.Ini;

/// <summary>
/// php.ini as PHP reads it at startup (`php -c FILE`, no scan directory): `${name}` resolves from
/// entries loaded so far, then the environment; entries after a [PATH=]/[HOST=] section stay in it
/// even after an ordinary [section]. ConfLint's global settings must equal PHP's get_cfg_var().
/// </summary>
public sealed class IniStartupModeTests
{
    // Not included: `x[] = 1` then `${x}` — PHP 8.2 itself aborts at startup ("Out of memory") on it.
    public static readonly string[] Scenarios =
    {
        "a = 1\nb = \"${a}x\"\nc = ${HOME}\n[PATH=/x]\nd = 5\n[foo]\ne = ${d}\nf = 7\n",
        "a = 1\na = 2\nb = ${a}${a}\nc = ${CONFLINT_INI_VAR}\n",
        "[HOST=Example.com]\nq = 1\n",
        "[PHP]\nx = on\ny = E_ALL & ~E_NOTICE\n[Section]\nz = \"${x}\"\n",
        "a = 1\nb = (\nc = 3\n",
        "[PATH]\na = 1\n[foo]\nb = 2\n",
        "[PATH=/]\na = 1\n[foo]\nb = 2\n",
        "[host]\na = 1\n",
        "extension = nothing_here\nb = ${extension}\n",
    };

    [SkippableFact]
    public void Global_settings_equal_get_cfg_var()
    {
        var php = Oracle.Require("php");
        var failures = new List<string>();
        foreach (var scenario in Scenarios)
        {
            var file = Path.GetTempFileName();
            try
            {
                File.WriteAllText(file, scenario);
                var options = IniParseOptions.PhpStartup with { Environment = PhpIniOracle.Environment };
                var document = IniDocument.Parse(scenario, options);
                var ours = new Dictionary<string, string>();
                foreach (var e in document.GlobalSettings.Where(e => e.Offset is null)) ours[e.Key] = e.Value!.Text;
                var keys = document.Entries.Select(e => e.Key).Concat(new[] { "never_set" }).Distinct().ToList();
                var psi = new ProcessStartInfo(php) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in new[] { "-c", file, "-r", "$o = []; foreach (json_decode($argv[1]) as $k) { $v = get_cfg_var($k); $o[$k] = is_string($v) ? $v : null; } echo json_encode($o);", JsonSerializer.Serialize(keys) })
                    psi.ArgumentList.Add(a);
                psi.Environment["PHP_INI_SCAN_DIR"] = "";
                psi.Environment["CONFLINT_INI_VAR"] = "from-env";
                using var p = Process.Start(psi)!;
                var stdout = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                // A failed extension load prints a startup warning before the JSON line.
                var theirs = JsonNode.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last())!.AsObject();
                foreach (var key in keys)
                {
                    var phpValue = (string?)theirs[key];
                    ours.TryGetValue(key, out var ourValue);
                    if (phpValue != ourValue) failures.Add($"{JsonSerializer.Serialize(scenario)}: {key} php={phpValue ?? "(unset)"} conflint={ourValue ?? "(unset)"}");
                }
            }
            finally
            {
                File.Delete(file);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
