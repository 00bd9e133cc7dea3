using ConfLint.Tests.Analyzers.Apache;

namespace ConfLint.Tests.Syntax.Apache;

/// <summary>Finds ../shared/corpus next to the repository (or next to an ancestor, for a worktree).</summary>
public static class ApacheCorpus
{
    public static string? Find()
    {
        var dir = new DirectoryInfo(ApacheRuleTestKit.RepoRoot());
        for (var d = dir.Parent; d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "shared", "corpus");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static string Require()
    {
        var found = Find();
        if (found is null)
        {
            var message = "../shared/corpus not found next to the repository";
            if (Oracles.Oracle.InCi) Xunit.Assert.Fail(message);
            Xunit.Skip.If(true, message);
        }
        return found!;
    }

    /// <summary>Every file of the Apache corpora (debian-apache2, h5bp-server-configs-apache, apache-httpd), sorted.</summary>
    public static IReadOnlyList<string> ApacheFiles(string corpus) =>
        new[] { "debian-apache2", "h5bp-server-configs-apache", "apache-httpd" }
            .Select(d => Path.Combine(corpus, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

    /// <summary>Copies debian-apache2 to ROOT/etc/apache2 and recreates the *-enabled symlinks listed in SYMLINKS.txt.</summary>
    public static void InstallDebianTree(string corpus, string root)
    {
        var source = Path.Combine(corpus, "debian-apache2");
        var target = Path.Combine(root, "etc", "apache2");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(source, file);
            var dest = Path.Combine(target, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest, overwrite: true);
        }
        var links = Path.Combine(source, "SYMLINKS.txt");
        if (!File.Exists(links)) return;
        foreach (var line in File.ReadAllLines(links))
        {
            var parts = line.Split(" -> ");
            if (parts.Length != 2) continue;
            var at = Path.GetFullPath(Path.Combine(target, parts[0].Trim()));
            if (!at.StartsWith(target + "/", StringComparison.Ordinal) || File.Exists(at)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(at)!);
            File.CreateSymbolicLink(at, parts[1].Trim());
        }
    }
}
