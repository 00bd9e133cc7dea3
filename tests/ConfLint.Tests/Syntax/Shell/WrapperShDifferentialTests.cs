using System.Diagnostics;
using System.Text;
using ConfLint.Syntax.Shell;
using ConfLint.Tests.Oracles;
using ConfLint.Text;
using Xunit;
using Xunit.Abstractions;

namespace ConfLint.Tests.Syntax.Shell;

/// <summary>
/// Runs generated wrappers under the real /bin/sh (dash) with an empty environment and the
/// exec target replaced by a program that prints its arguments and environment, and checks
/// that the wrapper model predicts both: the exported environment, PHP's arguments and options.
/// </summary>
public class WrapperShDifferentialTests
{
    private const int Cases = 400;
    private static readonly string[] Names = { "PHPRC", "PHP_FCGI_CHILDREN", "PHP_FCGI_MAX_REQUESTS", "FOO", "BAR" };
    private readonly ITestOutputHelper _output;

    public WrapperShDifferentialTests(ITestOutputHelper output) => _output = output;

    [SkippableFact]
    public void ModelAgreesWithShOnGeneratedWrappers()
    {
        var sh = Oracle.Require("/bin/sh");
        var perl = Oracle.Require("/usr/bin/perl");
        var dir = Path.Combine(Path.GetTempPath(), "conflint-shdiff-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var fake = Path.Combine(dir, "php-cgi");
            File.WriteAllText(fake, "#!" + perl + "\nprint map { \"A:$_\\0\" } @ARGV; print map { \"E:$_=$ENV{$_}\\0\" } sort keys %ENV;\n");
            File.SetUnixFileMode(fake, (UnixFileMode)0b111_101_101);
            var random = new Random(4242);
            int agreed = 0;
            var failures = new List<string>();
            for (int n = 0; n < Cases; n++)
            {
                var script = Generate(random, fake);
                var file = Path.Combine(dir, $"w{n}.sh");
                File.WriteAllText(file, script);
                var (args, env) = Run(sh, file);
                var model = WrapperModel.Build(ShellParser.Parse(SourceText.From(script, file)), new Dictionary<string, string>());
                var problem = Compare(model, args, env);
                if (problem is null) agreed++;
                else failures.Add($"case {n}: {problem}\n{script}");
            }
            _output.WriteLine($"sh differential: {agreed}/{Cases} generated wrappers agree");
            Assert.True(failures.Count == 0, string.Join("\n----\n", failures.Take(5)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string? Compare(WrapperModel model, List<string> args, Dictionary<string, string> env)
    {
        var php = model.Php;
        if (model.Abort is not null) return args.Count == 0 && env.Count == 0 ? null : $"model says sh exits ({model.Abort.Message}) but PHP ran";
        if (php is null) return "model found no PHP invocation";
        if (php.Arguments is null) return "model could not expand the arguments";
        if (!php.Arguments.SequenceEqual(args)) return $"args: model [{string.Join("|", php.Arguments)}] sh [{string.Join("|", args)}]";
        foreach (var name in Names)
        {
            var predicted = php.Environment.LastOrDefault(e => e.Name == name);
            env.TryGetValue(name, out var actual);
            if (predicted is null && actual is not null) return $"{name}: model says not exported, sh exported '{actual}'";
            if (predicted is not null && predicted.Value != actual) return $"{name}: model '{predicted.Value}', sh '{actual ?? "(not exported)"}'";
        }
        return null;
    }

    private static (List<string> Args, Dictionary<string, string> Env) Run(string sh, string file)
    {
        var psi = new ProcessStartInfo("/usr/bin/env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-i");
        psi.ArgumentList.Add(sh);
        psi.ArgumentList.Add(file);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        var args = new List<string>();
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            if (item.StartsWith("A:", StringComparison.Ordinal)) args.Add(item[2..]);
            else if (item.StartsWith("E:", StringComparison.Ordinal) && item.IndexOf('=') is int eq and > 2) env[item[2..eq]] = item[(eq + 1)..];
        }
        return (args, env);
    }

    private static string Pick(Random r, params string[] options) => options[r.Next(options.Length)];

    private static string Value(Random r, List<string> defined)
    {
        var parts = new StringBuilder();
        int count = r.Next(1, 4);
        for (int k = 0; k < count; k++)
        {
            string Ref() => defined.Count == 0 ? "x" : Pick(r, "$" + defined[r.Next(defined.Count)], "${" + defined[r.Next(defined.Count)] + "}");
            parts.Append(r.Next(9) switch
            {
                0 => Pick(r, "3", "500", "-1", "abc", "/etc/php/8.2/cgi", "0"),
                1 => "'" + Pick(r, "a b", "$NOT", "x\\y", "tab\there", "\"q\"") + "'",
                2 => "\"" + Pick(r, "sp ace", "\\$lit", "q\\\"q", "back\\\\slash", "keep\\x") + "\"",
                3 => "\"" + Ref() + "/in\"",
                4 => Ref(),
                5 => Pick(r, "a\\ b", "c\\$d", "e\\\\f"),
                6 => "abc\\\ndef",
                7 => "\"\"",
                _ => Pick(r, "/usr/bin", "8", "www"),
            });
        }
        return parts.ToString();
    }

    private static string Generate(Random r, string fake)
    {
        var sb = new StringBuilder("#!/bin/sh\n");
        var defined = new List<string>();
        int lines = r.Next(2, 9);
        for (int k = 0; k < lines; k++)
        {
            var name = Names[r.Next(Names.Length)];
            var other = Names[r.Next(Names.Length)];
            switch (r.Next(12))
            {
                case 9:
                    sb.Append(r.Next(2) == 0 ? "set -a\n" : "set +a\n"); break;
                case 10:
                    sb.Append($"{name}={Value(r, defined)} export {other}\n"); defined.Add(name); break;
                case 11:
                    sb.Append($"{name}={Value(r, defined)}; {other}=\"${name}x\"\n"); defined.Add(name); defined.Add(other); break;
                case 0: case 1:
                    sb.Append($"{name}={Value(r, defined)}\n"); defined.Add(name); break;
                case 2:
                    sb.Append($"export {name}\n"); break;
                case 3:
                    sb.Append($"export {name}={Value(r, defined)} {other}\n"); defined.Add(name); break;
                case 4:
                    sb.Append($"{name}={Value(r, defined)} {other}={Value(r, defined)}\n"); defined.Add(name); defined.Add(other); break;
                case 5:
                    sb.Append($"{name}={Value(r, defined)}; export {name}   # c\n"); defined.Add(name); break;
                case 6:
                    sb.Append($"# comment {name}=1\n"); break;
                case 7:
                    sb.Append($"unset {name}\n"); defined.Remove(name); break;
                default:
                    sb.Append($"readonly {name}={Value(r, defined)}\n"); defined.Add(name); sb.Append($"export {name}\n"); break;
            }
        }
        var prefix = r.Next(4) == 0 ? $"{Names[r.Next(Names.Length)]}={Value(r, defined)} " : "";
        var args = new List<string>();
        if (r.Next(2) == 0) args.Add("-c " + (defined.Count > 0 ? "\"$" + defined[0] + "/php.ini\"" : "/etc/php.ini"));
        if (r.Next(2) == 0) args.Add("-d open_basedir=/www:/tmp");
        if (r.Next(3) == 0) args.Add("-dcgi.fix_pathinfo=0");
        if (r.Next(3) == 0) args.Add("-d 'display_errors=Off'");
        if (r.Next(4) == 0) args.Add("-n");
        if (r.Next(3) == 0 && defined.Count > 0) args.Add("$" + defined[r.Next(defined.Count)]);
        if (r.Next(3) == 0) args.Add("\\\n  -b /tmp/sock");
        sb.Append($"{prefix}exec {fake} {string.Join(' ', args)}\n");
        return sb.ToString();
    }
}
