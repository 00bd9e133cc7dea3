using System.Diagnostics;
using System.Text.RegularExpressions;
using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Syntax.Apache;
using ConfLint.Tests.Oracles;
using Xunit;
using Xunit.Abstractions;

namespace ConfLint.Tests.Syntax.Apache;

/// <summary>
/// Differential tests of the Apache loader against the real httpd (`apache2 -t`): the first
/// error httpd reports while reading, the Define values it dumps, and the files it includes.
/// </summary>
public class ApacheLoaderOracleTests
{
    private readonly ITestOutputHelper _output;

    public ApacheLoaderOracleTests(ITestOutputHelper output) => _output = output;

    private static (int Exit, string Stderr) RunApache(string apache2, params string[] args)
    {
        var psi = new ProcessStartInfo(apache2) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["LANG"] = "C";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit(60_000);
        return (p.ExitCode, stdout.Result + stderr);
    }

    private static string Header(string dir) =>
        $"ServerRoot {dir}\nErrorLog /dev/null\nPidFile {dir}/pid\nServerName localhost\nLoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n";

    // (case name, body after the header, extra files relative to the case directory)
    public static readonly (string Name, string Body, (string Path, string Text)[] Files)[] ReadPhaseCases =
    {
        ("stray close", "</Location>\n", new (string, string)[0]),
        ("stray close with space", "</IfModule >\n", new (string, string)[0]),
        ("mismatched close", "<Directory /x>\n</Directry>\n", new (string, string)[0]),
        ("close case-insensitive", "<directory /x>\n</DIRECTORY>\n", new (string, string)[0]),
        ("close with argument", "<Directory /x>\n</Directory x>\n", new (string, string)[0]),
        ("close joined by continuation", "<Directory /x>\n</Directory \\\n>\n", new (string, string)[0]),
        ("comment swallows close", "<Directory /x>\n# note \\\n</Directory>\n", new (string, string)[0]),
        ("unclosed", "<Directory /x>\nOptions None\n", new (string, string)[0]),
        ("unclosed nested", "<Directory /x>\n<Files y>\n", new (string, string)[0]),
        ("unclosed false IfModule", "<IfModule nope_module>\nFoo\n", new (string, string)[0]),
        ("unclosed inside false IfModule", "<IfModule nope_module>\n<Directory /x>\n", new (string, string)[0]),
        ("false IfModule close with argument", "<IfModule nope_module>\n</IfModule foo>\n", new (string, string)[0]),
        ("false IfDefine", "<IfDefine NOPE>\nFoo bar\n</IfDefine>\n", new (string, string)[0]),
        ("true IfModule to end of file", "<IfModule so_module>\nServerAdmin a@b\n", new (string, string)[0]),
        ("true IfModule with unclosed section to end of file", "<IfModule so_module>\n<Directory /x>\n", new (string, string)[0]),
        ("true IfModule closed inside section", "<IfModule so_module>\n<Directory /x>\n</IfModule>\n", new (string, string)[0]),
        ("section closed inside IfModule", "<Directory /x>\n<IfModule so_module>\n</Directory>\n</IfModule>\n", new (string, string)[0]),
        ("include missing", "Include missing.conf\n", new (string, string)[0]),
        ("include optional missing", "IncludeOptional missing.conf\nIncludeOptional nodir/*.conf\n", new (string, string)[0]),
        ("include wildcard no match", "Include empty/*.conf\n", new[] { ("empty/readme.txt", "x\n") }),
        ("include wildcard directory missing", "Include nodir/*.conf\n", new (string, string)[0]),
        ("include wildcard in directory no match", "Include no*dir/x.conf\n", new[] { ("other/x.conf", "ServerAdmin a@b\n") }),
        ("included file unclosed", "Include inc.conf\n</Directory>\n", new[] { ("inc.conf", "<Directory /x>\n") }),
        ("included file ok", "Include inc/*.conf\n", new[] { ("inc/a.conf", "<Directory /x>\n</Directory>\n") }),
        ("built-in LoadModule", "LoadModule version_module /usr/lib/apache2/modules/mod_version.so\n", new (string, string)[0]),
        ("LoadModule missing file", "LoadModule foo_module /nonexistent/mod_foo.so\n", new (string, string)[0]),
        ("LoadModule twice", "LoadModule alias_module /usr/lib/apache2/modules/mod_alias.so\nLoadModule alias_module /usr/lib/apache2/modules/mod_alias.so\n", new (string, string)[0]),
        ("undefined variable", "ServerAdmin ${NOPE}\n", new (string, string)[0]),
        ("IfModule after LoadModule", "LoadModule alias_module /usr/lib/apache2/modules/mod_alias.so\n<IfModule mod_alias.c>\nAlias /a /b\n</IfModule>\n", new (string, string)[0]),
        ("IfVersion false skips", "<IfVersion < 2.0>\n<Broken\n</IfVersion>\n", new (string, string)[0]),
        ("Define inside include used after", "Include def.conf\n<IfDefine FROM_INCLUDE>\n</Directory>\n</IfDefine>\n", new[] { ("def.conf", "Define FROM_INCLUDE\n") }),
        ("UnDefine", "Define X\nUnDefine X\n<IfDefine X>\n</Directory>\n</IfDefine>\n", new (string, string)[0]),
        ("walk-phase only", "ServerName a b\n", new (string, string)[0]),
        ("macro leaves a section open", "LoadModule macro_module /usr/lib/apache2/modules/mod_macro.so\n<Macro VH $n>\n<VirtualHost *:8$n>\n</Macro>\nUse VH 1\n", new (string, string)[0]),
        ("macro closes the caller's section", "LoadModule macro_module /usr/lib/apache2/modules/mod_macro.so\n<Macro End>\n</VirtualHost>\n</Macro>\n<VirtualHost *:80>\nUse End\n", new (string, string)[0]),
        ("macro never closed", "LoadModule macro_module /usr/lib/apache2/modules/mod_macro.so\n<Macro M>\nServerAdmin a@b\n", new (string, string)[0]),
        ("mismatch inside false block", "<IfModule nope_module>\n<Directory /x>\n</Files>\n</IfModule>\n", new (string, string)[0]),
    };

    private static readonly Regex ReadPhaseError = new(@"^apache2: (?:Syntax error on line \d+ of [^:]+: )+(?<msg>.*)$", RegexOptions.Multiline);

    [SkippableFact]
    public void First_read_phase_error_agrees_with_httpd()
    {
        var apache2 = Oracle.Require("apache2");
        var dir = Path.Combine(Path.GetTempPath(), "conflint-oracle-" + Guid.NewGuid().ToString("N"));
        int agree = 0;
        var disagreements = new List<string>();
        try
        {
            for (int i = 0; i < ReadPhaseCases.Length; i++)
            {
                var (name, body, files) = ReadPhaseCases[i];
                var caseDir = Path.Combine(dir, "c" + i);
                Directory.CreateDirectory(caseDir);
                foreach (var (p, text) in files)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(caseDir, p))!);
                    File.WriteAllText(Path.Combine(caseDir, p), text);
                }
                var main = Path.Combine(caseDir, "main.conf");
                File.WriteAllText(main, Header(caseDir) + body);

                var (_, stderr) = RunApache(apache2, "-t", "-f", main);
                var m = ReadPhaseError.Match(stderr);
                // httpd escapes line breaks in its log: "\n\t" continues a message, "\n" starts the next one.
                string? theirs = m.Success ? m.Groups["msg"].Value.Replace("\\n\\t", " ").Split("\\n")[0].Trim() : null;

                var config = ApacheLoader.Load(new HostFileSystem("/"), main, new ApacheLoadOptions { ReadEnvvars = false });
                var ours = config.Diagnostics
                    .Where(d => d.Severity == Severity.Error && d.EngineOrder is long o && o < ApacheEngineOrder.PhaseSize)
                    .OrderBy(d => d.EngineOrder)
                    .FirstOrDefault()?.Message;

                if (ours == theirs) agree++;
                else disagreements.Add($"{name}: httpd={theirs ?? "(no read-phase error)"} | conflint={ours ?? "(none)"}");
            }
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
        _output.WriteLine($"read-phase agreement: {agree}/{ReadPhaseCases.Length}");
        foreach (var d in disagreements) _output.WriteLine(d);
        Assert.Empty(disagreements);
    }

    private static readonly string[] StructureLines =
    {
        "Options None", "Options None", "ServerAdmin a@b.example",
        "<Directory /x>", "</Directory>", "<Location /y>", "</Location>", "<Files z>", "</Files>", "<VirtualHost *:80>", "</VirtualHost>",
        "<IfModule mod_version.c>", "<IfModule nope_module>", "<IfModule !nope_module>", "</IfModule>", "</IfModule >", "</ifmodule>",
        "<IfDefine X>", "<IfDefine !X>", "</IfDefine>", "Define X", "UnDefine X", "# comment \\", "</Directory x>", "   ",
        "Include inc.conf", "IncludeOptional nope.conf", "<Directory /x", "</Files \\", ">",
    };

    private static string RandomStructure(Random random, int maxLines, bool allowInclude)
    {
        var lines = new List<string>();
        int n = random.Next(1, maxLines);
        for (int i = 0; i < n; i++)
        {
            var line = StructureLines[random.Next(StructureLines.Length)];
            if (!allowInclude && line.StartsWith("Include ", StringComparison.Ordinal)) continue;
            lines.Add(line);
        }
        return string.Join("\n", lines) + (random.Next(4) == 0 ? "" : "\n");
    }

    private static readonly (string Open, string Close)[] Blocks =
    {
        ("<Directory /x>", "</Directory>"), ("<Location /y>", "</Location>"), ("<Files z>", "</Files>"),
        ("<IfModule mod_version.c>", "</IfModule>"), ("<IfModule nope_module>", "</IfModule>"), ("<IfModule !nope_module>", "</IfModule>"),
        ("<IfDefine X>", "</IfDefine>"), ("<IfDefine !X>", "</IfDefine>"), ("<ifmodule nope_module>", "</IFMODULE>"),
    };

    // A balanced tree of blocks, then at most two corruptions (a line dropped or replaced).
    private static string RandomBalanced(Random random, bool allowInclude)
    {
        var lines = new List<string>();
        void Emit(int depth)
        {
            int n = random.Next(1, 4);
            for (int i = 0; i < n; i++)
            {
                int pick = random.Next(10);
                if (pick < 4 && depth < 4)
                {
                    var (open, close) = Blocks[random.Next(Blocks.Length)];
                    lines.Add(open);
                    Emit(depth + 1);
                    lines.Add(close);
                }
                else if (pick == 4) lines.Add(random.Next(2) == 0 ? "Define X" : "UnDefine X");
                else if (pick == 5 && allowInclude) lines.Add("Include inc.conf");
                else lines.Add("Options None");
            }
        }
        Emit(0);
        int corruptions = random.Next(3);
        for (int c = 0; c < corruptions && lines.Count > 0; c++)
        {
            int at = random.Next(lines.Count);
            if (random.Next(2) == 0) lines.RemoveAt(at);
            else lines[at] = StructureLines[random.Next(StructureLines.Length)];
        }
        if (!allowInclude) lines.RemoveAll(l => l.StartsWith("Include ", StringComparison.Ordinal));
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>Random section structures (fixed seed), each checked against apache2 -t: the first read-phase error must agree.</summary>
    [SkippableFact]
    public void Random_structures_agree_with_httpd_on_the_first_read_phase_error()
    {
        var apache2 = Oracle.Require("apache2");
        var dir = Path.Combine(Path.GetTempPath(), "conflint-oracle-" + Guid.NewGuid().ToString("N"));
        var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("CONFLINT_ORACLE_SEED"), out var seed) ? seed : 20241125);
        const int cases = 150;
        int agree = 0, withErrors = 0;
        var disagreements = new List<string>();
        try
        {
            for (int i = 0; i < cases; i++)
            {
                var caseDir = Path.Combine(dir, "r" + i);
                Directory.CreateDirectory(caseDir);
                bool balanced = i % 2 == 1;
                var body = balanced ? RandomBalanced(random, allowInclude: true) : RandomStructure(random, 14, allowInclude: true);
                File.WriteAllText(Path.Combine(caseDir, "inc.conf"), balanced ? RandomBalanced(random, allowInclude: false) : RandomStructure(random, 6, allowInclude: false));
                var main = Path.Combine(caseDir, "main.conf");
                File.WriteAllText(main, Header(caseDir) + body);
                var (_, stderr) = RunApache(apache2, "-t", "-f", main);
                var m = ReadPhaseError.Match(stderr);
                string? theirs = m.Success ? m.Groups["msg"].Value.Split("\\n")[0].Trim() : null;
                var config = ApacheLoader.Load(new HostFileSystem("/"), main, new ApacheLoadOptions { ReadEnvvars = false });
                var ours = config.Diagnostics
                    .Where(d => d.Severity == Severity.Error && d.EngineOrder is long o && o < ApacheEngineOrder.PhaseSize)
                    .OrderBy(d => d.EngineOrder)
                    .FirstOrDefault()?.Message;
                if (theirs is not null) withErrors++;
                if (ours == theirs) agree++;
                else disagreements.Add($"case {i}: httpd={theirs ?? "(no read-phase error)"} | conflint={ours ?? "(none)"}\n--- main:\n{body}\n--- inc.conf:\n{File.ReadAllText(Path.Combine(caseDir, "inc.conf"))}");
            }
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
        _output.WriteLine($"random structures: {agree}/{cases} agree ({withErrors} with a read-phase error in httpd)");
        foreach (var d in disagreements) _output.WriteLine(d);
        Assert.Empty(disagreements);
    }

    // Each value is written as `Define Tn <text>`; httpd's `-D DUMP_RUN_CFG` prints `Define: Tn=value`.
    public static readonly string[] DefineValueCases =
    {
        "plain",
        "\"a \\\"b\\\" c\\\\d\\e\"",
        "'it\\'s'",
        "\"it\\'s\"",
        "x\\\\y\\z",
        "\"ab\\\n  cd\"",
        "\"unclosed  x  ",
        "\"${T2}|${NOPE}\"",
        "'${T0} x'",
        "\"\"",
        "\"tab\there\"",
        "'dq\"inside'",
        "${T4}",
        "a\\\r\nb",
        "\"$notvar ${\"",
        "\"x\\\\\"",
        "'a\\\\b\\'c'",
    };

    [SkippableFact]
    public void Define_values_agree_with_httpd_dump_run_cfg()
    {
        var apache2 = Oracle.Require("apache2");
        var dir = Path.Combine(Path.GetTempPath(), "conflint-oracle-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var main = Path.Combine(dir, "main.conf");
            var body = string.Concat(DefineValueCases.Select((v, i) => $"Define T{i} {v}\n"));
            File.WriteAllText(main, Header(dir) + body);
            var (_, output) = RunApache(apache2, "-t", "-D", "DUMP_RUN_CFG", "-f", main);
            var theirs = Regex.Matches(output, @"^Define: (T\d+)(?:=(.*))?$", RegexOptions.Multiline)
                .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            Assert.True(theirs.Count == DefineValueCases.Length, "httpd did not dump every define:\n" + output);
            var config = ApacheLoader.Load(new HostFileSystem("/"), main, new ApacheLoadOptions { ReadEnvvars = false });
            int agree = 0;
            var disagreements = new List<string>();
            for (int i = 0; i < DefineValueCases.Length; i++)
            {
                var ours = config.Variables.GetValueOrDefault("T" + i) ?? "";
                if (ours == theirs["T" + i]) agree++;
                else disagreements.Add($"T{i} {DefineValueCases[i].ReplaceLineEndings("⏎")}: httpd=[{theirs["T" + i]}] conflint=[{ours}]");
            }
            _output.WriteLine($"define agreement: {agree}/{DefineValueCases.Length}");
            foreach (var d in disagreements) _output.WriteLine(d);
            Assert.Empty(disagreements);
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    [SkippableFact]
    public void Macro_expansion_agrees_with_httpd_dump_run_cfg()
    {
        var apache2 = Oracle.Require("apache2");
        var dir = Path.Combine(Path.GetTempPath(), "conflint-oracle-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var main = Path.Combine(dir, "main.conf");
            File.WriteAllText(main, Header(dir) +
                "LoadModule macro_module /usr/lib/apache2/modules/mod_macro.so\n" +
                "<Macro M $v @q %p>\nDefine MV1$v $v\nDefine MV2$v @q\nDefine MV3$v \"%p\"\nDefine MV4$v $v$v\n</Macro>\n" +
                "Use M \"a_b\" \"c d\" x\nUse M z 'say \"hi\"' \\y\n" +
                "<Macro Outer $n>\nUse M $n-in $n y\n</Macro>\nUse Outer o\n");
            var (_, output) = RunApache(apache2, "-t", "-D", "DUMP_RUN_CFG", "-f", main);
            var theirs = Regex.Matches(output, @"^Define: (MV[^=\s]+)(?:=(.*))?$", RegexOptions.Multiline)
                .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            Assert.True(theirs.Count >= 12, "httpd did not dump the macro defines:\n" + output);
            var config = ApacheLoader.Load(new HostFileSystem("/"), main, new ApacheLoadOptions { ReadEnvvars = false });
            var ours = config.Variables.Where(v => v.Key.StartsWith("MV", StringComparison.Ordinal)).ToDictionary(v => v.Key, v => v.Value);
            _output.WriteLine(string.Join("\n", theirs.Select(t => $"{t.Key}: httpd=[{t.Value}] conflint=[{ours.GetValueOrDefault(t.Key)}]")));
            Assert.Equal(theirs.OrderBy(t => t.Key), ours.OrderBy(t => t.Key));
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    [SkippableFact]
    public void Dump_config_agrees_with_httpd()
    {
        var apache2 = Oracle.Require("apache2");
        Oracle.RequireFile("/usr/lib/apache2/modules/mod_info.so");
        var dir = Path.Combine(Path.GetTempPath(), "conflint-oracle-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "inc.conf"), "ServerAdmin inc@x\n<Directory /inc>\n  Options None\n</Directory>\n");
            var main = Path.Combine(dir, "main.conf");
            File.WriteAllText(main, Header(dir) +
                "LoadModule info_module /usr/lib/apache2/modules/mod_info.so\n" +
                "LoadModule macro_module /usr/lib/apache2/modules/mod_macro.so\n" +
                "Define ROOT /srv\nDefaultRuntimeDir " + dir + "\n" +
                "<VirtualHost *:80>\n  DocumentRoot ${ROOT}/www\n  <Directory ${ROOT}/www>\n    <Files x>\n      Options \\\n   None\n    </Files>\n  </Directory>\n" +
                "  <Location /empty>\n  </Location>\n  <If \"true\">\n    Options None\n  </If>\n  <Else>\n    Options None\n  </Else>\n  Include inc.conf\n</VirtualHost>\n" +
                "<IfModule nope_module>\nFoo\n</IfModule>\n<IfModule info_module>\n<IfDefine !NOPE>\nServerSignature Off\n</IfDefine>\n</IfModule>\n" +
                "<Macro VH $n>\n<VirtualHost *:8$n>\nServerAdmin m$n@x\n</VirtualHost>\n</Macro>\nUse VH 1\nUse VH 2\n" +
                "ServerTokens   Prod\n");
            var (_, output) = RunApache(apache2, "-t", "-D", "DUMP_CONFIG", "-f", main);
            var theirs = string.Join('\n', output.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("Syntax OK", StringComparison.Ordinal)
                && !l.StartsWith("AH", StringComparison.Ordinal) && !l.StartsWith('[')));
            var config = ApacheLoader.Load(new HostFileSystem("/"), main, new ApacheLoadOptions { ReadEnvvars = false });
            var ours = ApacheDump.ToDumpConfig(config).TrimEnd('\n');
            _output.WriteLine(ours);
            Assert.Equal(theirs, ours);
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    [SkippableFact]
    public void Included_files_agree_with_httpd_dump_includes()
    {
        var apache2 = Oracle.Require("apache2");
        var dir = Path.Combine(Path.GetTempPath(), "conflint-oracle-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            void Write(string p, string text)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, p))!);
                File.WriteAllText(Path.Combine(dir, p), text);
            }
            Write("conf.d/b.conf", "ServerAdmin b@x\n");
            Write("conf.d/A.conf", "ServerAdmin a@x\n");
            Write("conf.d/.hidden.conf", "ServerAdmin h@x\n");
            Write("conf.d/sub/deep.conf", "Include " + dir + "/leaf.conf\n");
            Write("leaf.conf", "ServerAdmin leaf@x\n");
            Write("sites/one/site.conf", "ServerAdmin one@x\n");
            Write("sites/two/site.conf", "ServerAdmin two@x\n");
            Write("sites/file", "not a dir\n");
            Directory.CreateSymbolicLink(Path.Combine(dir, "sites", "linked"), Path.Combine(dir, "sites", "one"));
            Write("glob/x1.load", "ServerAdmin x1@x\n");
            Write("glob/x2.conf", "ServerAdmin x2@x\n");
            Write("glob/.x3.load", "ServerAdmin x3@x\n");
            var main = Path.Combine(dir, "main.conf");
            File.WriteAllText(main, Header(dir) + "Include conf.d\nInclude conf.d/*.conf\nIncludeOptional sites/*/site.conf\nInclude glob/*.load\nIncludeOptional glob/[x]?.*\nIncludeOptional nothing/*\n");
            var (_, output) = RunApache(apache2, "-t", "-D", "DUMP_INCLUDES", "-f", main);
            var theirs = string.Join('\n', output.Split('\n').Where(l => l.StartsWith(' ') || l.StartsWith("Included", StringComparison.Ordinal)));
            var config = ApacheLoader.Load(new HostFileSystem("/"), main, new ApacheLoadOptions { ReadEnvvars = false });
            var ours = ApacheDump.IncludesText(config).TrimEnd('\n');
            _output.WriteLine(ours);
            Assert.Equal(theirs, ours);
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
