using System.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Syntax.Apache;
using ConfLint.Tests.Oracles;
using Xunit;
using Xunit.Abstractions;

namespace ConfLint.Tests.Syntax.Apache;

public class ApacheCorpusTests
{
    private readonly ITestOutputHelper _output;

    public ApacheCorpusTests(ITestOutputHelper output) => _output = output;

    [SkippableFact]
    public void Debian_tree_loads_without_structure_or_include_errors()
    {
        var corpus = ApacheCorpus.Require();
        using var tree = new ApacheTestTree();
        ApacheCorpus.InstallDebianTree(corpus, tree.Root);
        var diagnostics = tree.Lint();
        foreach (var d in diagnostics) _output.WriteLine(d.ToString());
        Assert.DoesNotContain(diagnostics, d => d.Id is "CL1001" or "CL1002" or "CL1006" or "CL1007" or "CL0001" or "CL0002");
        var config = tree.Load();
        Assert.True(config.Files.Count > 30, $"only {config.Files.Count} files were read");
        Assert.Contains(config.Files, f => f.HostPath == "/etc/apache2/sites-enabled/000-default.conf");
        Assert.Contains("fcgid_module", config.Modules.Modules.Select(m => m.Identifier));
        Assert.Single(config.VirtualHosts);
        var logDir = config.ActiveDirectives().First(d => d.Directive!.Is("ErrorLog")).Directive!;
        Assert.Equal("/var/log/apache2/error.log", logDir.Arguments[0].Value);
    }

    private static void CopyTree(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest, overwrite: true);
        }
    }

    [SkippableFact]
    public void H5bp_server_config_loads_with_its_includes_and_htaccess()
    {
        var corpus = ApacheCorpus.Require();
        var h5bp = Path.Combine(corpus, "h5bp-server-configs-apache");
        Skip.IfNot(Directory.Exists(h5bp), "h5bp corpus absent");
        using var tree = new ApacheTestTree();
        CopyTree(h5bp, tree.RealPath("/usr/local/apache2"));
        var config = tree.Load("/usr/local/apache2/httpd.conf");
        foreach (var d in config.Diagnostics) _output.WriteLine(d.ToString());
        Assert.DoesNotContain(config.Diagnostics, d => d.Id is "CL1001" or "CL1002" or "CL1006" or "CL0001");
        Assert.True(config.Files.Count >= 2);
        // Debian builds log_config and unixd in; the official image this file targets does not.
        Assert.Contains(config.Diagnostics, d => d.Id == "CL1013" && d.Message.Contains("log_config_module is built-in"));

        var modules = new[] { "headers_module", "rewrite_module", "expires_module", "mime_module", "deflate_module", "filter_module", "setenvif_module", "autoindex_module" };
        var htaccess = tree.Load("/usr/local/apache2/dist/.htaccess", new ApacheLoadOptions { IsHtaccess = true, Modules = modules });
        Assert.DoesNotContain(htaccess.Diagnostics, d => d.Id is "CL1001" or "CL1002" or "CL0002");
        Assert.True(htaccess.ActiveDirectives().Count() > 50);
    }

    [SkippableFact]
    public void Every_corpus_file_parses_and_loads_alone()
    {
        var corpus = ApacheCorpus.Require();
        var files = ApacheCorpus.ApacheFiles(corpus);
        Assert.NotEmpty(files);
        using var tree = new ApacheTestTree();
        foreach (var file in files)
        {
            var text = ConfLint.Text.SourceText.From(File.ReadAllBytes(file), file, "/etc/apache2/" + Path.GetFileName(file));
            var syntax = ApacheSyntaxTree.Parse(text);
            Assert.Equal(text, syntax.Text);
            var config = ApacheLoader.Load(text, new ApacheLoadOptions(), tree.FileSystem);
            Assert.NotNull(config);
        }
        _output.WriteLine($"{files.Count} corpus files parsed");
    }

    // Runs apache2 on the Debian tree installed under a temporary root, with envvars exported; paths come back as host paths.
    private static string RunOnDebianTree(string apache2, ApacheTestTree tree, params string[] args)
    {
        var confDir = tree.RealPath("/etc/apache2");
        var psi = new ProcessStartInfo(apache2) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-d", confDir, "-f", confDir + "/apache2.conf" }.Concat(args)) psi.ArgumentList.Add(a);
        foreach (var (name, value) in ApacheEnvvars.Parse(File.ReadAllText(confDir + "/envvars"))) psi.Environment[name] = value;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit(60_000);
        return (stdout.Result + stderr).Replace(tree.Root, "", StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Debian_tree_includes_agree_with_httpd()
    {
        var apache2 = Oracle.Require("apache2");
        var corpus = ApacheCorpus.Require();
        using var tree = new ApacheTestTree();
        ApacheCorpus.InstallDebianTree(corpus, tree.Root);
        var output = RunOnDebianTree(apache2, tree, "-t", "-D", "DUMP_INCLUDES");
        var theirs = string.Join('\n', output.Split('\n').Where(l => l.StartsWith(' ') || l.StartsWith("Included", StringComparison.Ordinal)));
        var ours = ApacheDump.IncludesText(tree.Load()).TrimEnd('\n');
        Assert.Equal(theirs, ours);
    }

    [SkippableFact]
    public void Debian_tree_dump_config_agrees_with_httpd()
    {
        var apache2 = Oracle.Require("apache2");
        Oracle.RequireFile("/usr/lib/apache2/modules/mod_info.so");
        var corpus = ApacheCorpus.Require();
        using var tree = new ApacheTestTree();
        ApacheCorpus.InstallDebianTree(corpus, tree.Root);
        var output = RunOnDebianTree(apache2, tree, "-t", "-D", "DUMP_CONFIG", "-C", "LoadModule info_module /usr/lib/apache2/modules/mod_info.so");
        var theirs = string.Join('\n', output.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("Syntax OK", StringComparison.Ordinal) && !l.StartsWith("AH00558", StringComparison.Ordinal)));
        var ours = ApacheDump.ToDumpConfig(tree.Load()).TrimEnd('\n');
        Assert.Equal(theirs, ours);
    }
}
