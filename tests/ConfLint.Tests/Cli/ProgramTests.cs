using System.Diagnostics;
using ConfLint.Cli;
using ConfLint.Tests.Oracles;
using NJsonSchema;
using Xunit;

namespace ConfLint.Tests.Cli;

/// <summary>The command line: exit codes and their precedence, formats, dump, rules and explain.</summary>
public sealed class ProgramTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("conflint-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Broken => RepoPaths.InRepo("examples/faq-chroot/broken");

    private static string Fixed => RepoPaths.InRepo("examples/faq-chroot/fixed");

    [Fact]
    public void Unknown_option_is_a_usage_error()
    {
        var (exit, _, err) = Run("lint", "--bogus");
        Assert.Equal(Program.ExitUsage, exit);
        Assert.Contains("--bogus", err);
    }

    [Fact]
    public void Bad_format_value_is_a_usage_error_even_when_the_input_is_missing()
    {
        // Precedence: 2 (usage) over 3 (unreadable input).
        var (exit, _, _) = Run("lint", "--format", "xml", Path.Combine(_dir, "missing.conf"));
        Assert.Equal(Program.ExitUsage, exit);
    }

    [Fact]
    public void Missing_named_input_exits_3_with_CL0001()
    {
        var (exit, output, _) = Run("lint", "--format", "json", Path.Combine(_dir, "missing.conf"));
        Assert.Equal(Program.ExitUnreadableInput, exit);
        Assert.Contains("CL0001", output);
    }

    [Fact]
    public void Binary_named_input_exits_3_with_CL0002()
    {
        var path = Path.Combine(_dir, "httpd.conf");
        File.WriteAllBytes(path, new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 0, 1 });
        var (exit, output, _) = Run("lint", path);
        Assert.Equal(Program.ExitUnreadableInput, exit);
        Assert.Contains("CL0002", output);
    }

    [Fact]
    public void The_broken_example_has_errors_and_the_fixed_one_none()
    {
        Assert.Equal(Program.ExitFindings, Run("lint", Broken).Exit);
        var (exit, output, _) = Run("lint", Fixed, "--fail-on", "error");
        Assert.True(exit == Program.ExitClean, output);
    }

    [Fact]
    public void Fail_on_decides_the_exit_code()
    {
        var conf = Write("httpd.conf", "ServerName localhost # a comment\n");
        Assert.Equal(Program.ExitFindings, Run("lint", conf, "--fail-on", "info").Exit);
        Assert.Equal(Program.ExitClean, Run("lint", conf, "--fail-on", "none").Exit);
    }

    [Fact]
    public void Output_option_writes_the_report_to_a_file()
    {
        var report = Path.Combine(_dir, "out.json");
        var (exit, output, _) = Run("lint", Broken, "--format", "json", "--output", report, "--fail-on", "none");
        Assert.Equal(Program.ExitClean, exit);
        Assert.Equal("", output);
        Assert.StartsWith("[", File.ReadAllText(report).TrimStart());
    }

    [Fact]
    public async Task Sarif_of_the_broken_example_validates_against_the_official_schema()
    {
        var (_, sarif, _) = Run("lint", Broken, "--format", "sarif");
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Shared, "schemas", "sarif-schema-2.1.0.json"));
        var errors = schema.Validate(sarif);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.ToString())));
        Assert.Contains("\"CL1002\"", sarif);
    }

    [Fact]
    public void Rules_lists_every_rule_and_explain_prints_its_doc()
    {
        var (exit, output, _) = Run("rules");
        Assert.Equal(Program.ExitClean, exit);
        foreach (var descriptor in ConfLint.Analyzers.RuleCatalog.Descriptors) Assert.Contains(descriptor.Id, output);

        var (explainExit, doc, _) = Run("explain", "CL1002");
        Assert.Equal(Program.ExitClean, explainExit);
        Assert.Contains("Failing example", doc);
        Assert.Equal(Program.ExitUsage, Run("explain", "CL9999").Exit);
    }

    [Fact]
    public void Dump_of_an_apache_tree_lists_directives_with_file_and_line()
    {
        var (exit, output, _) = Run("dump", Fixed);
        Assert.Equal(Program.ExitClean, exit);
        Assert.Contains("apache2.conf:", output);
        Assert.Contains("SuexecUserGroup", output);
    }

    [SkippableFact]
    public void Dump_of_a_php_ini_as_json_equals_php_parse_ini_file()
    {
        var php = Oracle.Require("php");
        var files = new[]
        {
            Path.Combine(RepoPaths.SharedCorpus, "php-src", "php.ini-production"),
            Path.Combine(RepoPaths.SharedCorpus, "php-src", "php.ini-development"),
            Write("arrays.ini", "[a]\nx[] = 1\nx[] = \"two\"\ny[k] = E_ALL & ~E_NOTICE\n[PATH=/www]\nz = on\n"),
            Write("empty.ini", "; nothing\n"),
        };
        foreach (var file in files)
        {
            foreach (var raw in new[] { false, true })
            {
                var mode = raw ? "INI_SCANNER_RAW" : "INI_SCANNER_NORMAL";
                var expected = RunPhp(php, $"echo json_encode(parse_ini_file($argv[1], true, {mode}));", file);
                var args = new List<string> { "dump", "--kind", "php-ini", "--format", "json", file };
                if (raw) args.Add("--raw");
                var (exit, output, _) = Run(args.ToArray());
                Assert.Equal(Program.ExitClean, exit);
                Assert.Equal(Normalize(expected), Normalize(output.Trim()));
            }
        }
    }

    // PHP escapes '/' and non-ASCII in json_encode; compare the decoded values.
    private static string Normalize(string json) =>
        System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(json).RootElement);

    private static string RunPhp(string php, string code, string argument)
    {
        var psi = new ProcessStartInfo(php) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-n", "-r", code, argument }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output.Trim();
    }
}
