namespace ConfLint.Tests.Syntax.Apache;

/// <summary>Finds ../shared/corpus next to the repository (or next to an ancestor, for a worktree).</summary>
public static class ApacheCorpus
{
    /// <summary>The shared corpus folder (skips, or fails under CI=true, when it is absent).</summary>
    public static string Require() => Path.GetDirectoryName(RepoPaths.RequireCorpus("debian-apache2"))!;

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
