using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ConfLint.Syntax.Ini;
using ConfLint.Tests.Oracles;
using Xunit;
using Xunit.Abstractions;

namespace ConfLint.Tests.Syntax.Ini;

/// <summary>
/// The third-party INI files of ../shared/corpus (php-src's php.ini-*, FPM's *.conf.in, Debian's
/// php 8.2 tree) and the INI texts PHP's own .phpt tests feed to parse_ini_string/parse_ini_file,
/// read by ConfLint and by `php -n` in both scanner modes: the results must be identical.
/// </summary>
public sealed class IniCorpusTests
{
    private readonly ITestOutputHelper _output;

    public IniCorpusTests(ITestOutputHelper output) => _output = output;

    internal static string CorpusRoot
    {
        get
        {
            RepoPaths.RequireCorpus("php-src");
            return RepoPaths.SharedCorpus;
        }
    }

    public static IEnumerable<string> IniFiles()
    {
        var root = CorpusRoot;
        var phpSrc = Path.Combine(root, "php-src");
        var files = new List<string>();
        if (Directory.Exists(phpSrc))
        {
            files.AddRange(Directory.EnumerateFiles(phpSrc, "php.ini-*"));
            files.AddRange(Directory.EnumerateFiles(phpSrc, "*.conf.in", SearchOption.AllDirectories));
            files.AddRange(Directory.EnumerateFiles(phpSrc, "*.ini", SearchOption.AllDirectories));
        }
        var debian = Path.Combine(root, "debian-php");
        if (Directory.Exists(debian))
            files.AddRange(Directory.EnumerateFiles(debian, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".ini", StringComparison.Ordinal) || f.EndsWith(".conf", StringComparison.Ordinal)));
        return files.Order(StringComparer.Ordinal);
    }

    [SkippableFact]
    public void Corpus_ini_files_agree_with_php()
    {
        Oracle.Require("php");
        var files = IniFiles().ToList();
        Assert.NotEmpty(files);
        var texts = files.Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))).ToList();
        var failures = IniDifferentialTests.Run(texts, out int agreed);
        _output.WriteLine($"corpus files: {agreed}/{texts.Count * IniDifferentialTests.Comparisons} agree ({files.Count} files)");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [SkippableFact]
    public void Ini_texts_of_php_phpt_tests_agree_with_php()
    {
        var php = Oracle.Require("php");
        var phpts = Directory.EnumerateFiles(Path.Combine(CorpusRoot, "php-src"), "*.phpt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(phpts);
        var script = Path.Combine(AppContext.BaseDirectory, "Syntax", "Ini", "extract-phpt-ini.php");
        var psi = new ProcessStartInfo(php) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-n", "-d", "extension=tokenizer", script }.Concat(phpts)) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var json = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var texts = JsonNode.Parse(json)!.AsArray().Select(n => (string)n!["text"]!).ToList();
        Assert.True(texts.Count > 100, $"only {texts.Count} INI texts extracted");
        var failures = IniDifferentialTests.Run(texts, out int agreed);
        _output.WriteLine($"phpt INI texts: {agreed}/{texts.Count * IniDifferentialTests.Comparisons} agree ({texts.Count} texts from {phpts.Count} .phpt files)");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
