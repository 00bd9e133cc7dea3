using System.Text;
using System.Text.RegularExpressions;

namespace ConfLint.Tests.Oracles;

/// <summary>
/// Builds the Apache host trees of the differential tests from the shared corpus, in temporary
/// folders (the corpus itself is read-only). Each tree also holds what httpd needs from the host:
/// a file at every module path this machine has (so LoadModule paths exist under --root exactly
/// where httpd finds them) and an etc/passwd + etc/group naming the users the config runs as.
/// httpd reads absolute paths on the real file system, so a config's own `ServerRoot` line is
/// turned into a comment (line numbers kept) and ServerRoot is given to both tools instead.
/// </summary>
public static class ApacheTrees
{
    public const string DebianModuleDir = "/usr/lib/apache2/modules";

    /// <summary>Base trees of the structural differential, by name.</summary>
    public static IReadOnlyList<string> BaseNames { get; } = new[] { "debian", "debian-all", "h5bp", "httpd-2.4.x", "httpd-trunk" };

    public static ApacheSetup Build(string name) => name switch
    {
        "debian" => Debian(),
        "debian-all" => DebianAll(),
        "debian-live" => DebianLive(),
        "h5bp" => H5bp(),
        "httpd-2.4.x" => ApacheHttpd("2.4.x"),
        "httpd-trunk" => ApacheHttpd("trunk"),
        _ => throw new ArgumentException("unknown tree " + name, nameof(name)),
    };

    /// <summary>
    /// ../shared/corpus/debian-apache2 (Debian 12's /etc/apache2 after apt) at /etc/apache2, with
    /// the *-enabled symlinks of its SYMLINKS.txt recreated; envvars sourced as apache2ctl does.
    /// </summary>
    public static ApacheSetup Debian()
    {
        var source = RepoPaths.RequireCorpus("debian-apache2");
        var tree = HostTree.Create("debian");
        tree.CopyDirectory(source, "/etc/apache2", skip: rel => rel == "SYMLINKS.txt");
        foreach (var line in File.ReadAllLines(Path.Combine(source, "SYMLINKS.txt")))
        {
            var parts = line.Split(" -> ");
            if (parts.Length != 2) continue;
            var link = "/etc/apache2/" + parts[0].Trim().TrimStart('.', '/');
            if (!tree.Exists(link)) tree.Symlink(link, parts[1].Trim());
        }
        AddHostFacts(tree);
        return new ApacheSetup("debian", tree, "/etc/apache2/apache2.conf", "/etc/apache2") { EnvVarsFile = "/etc/apache2/envvars" };
    }

    /// <summary>
    /// The Debian tree with everything it ships switched on, as a2enmod/a2enconf/a2ensite would:
    /// every module of mods-available (with its .conf) except the two other MPMs, every
    /// conf-available snippet and every site, so the differential reaches all 150 files.
    /// </summary>
    public static ApacheSetup DebianAll()
    {
        var setup = Debian() with { Name = "debian-all" };
        var tree = setup.Tree;
        void Enable(string kind, string file)
        {
            var link = $"/etc/apache2/{kind}-enabled/{file}";
            if (!tree.Exists(link) && new FileInfo(tree.RealPath(link)).LinkTarget is null) tree.Symlink(link, $"../{kind}-available/{file}");
        }
        foreach (var load in Directory.EnumerateFiles(tree.RealPath("/etc/apache2/mods-available"), "*.load").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal))
        {
            var module = load[..^".load".Length];
            if (module is "mpm_prefork" or "mpm_worker") continue;
            Enable("mods", load);
            if (tree.Exists($"/etc/apache2/mods-available/{module}.conf")) Enable("mods", module + ".conf");
        }
        foreach (var kind in new[] { "conf", "sites" })
            foreach (var conf in Directory.EnumerateFiles(tree.RealPath($"/etc/apache2/{kind}-available"), "*.conf").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal))
                Enable(kind, conf);
        return setup;
    }

    /// <summary>This machine's own /etc/apache2 (as apt left it), copied with its symlinks.</summary>
    public static ApacheSetup DebianLive()
    {
        if (!File.Exists("/etc/apache2/apache2.conf")) Oracle.RequireFile("/etc/apache2/apache2.conf");
        var tree = HostTree.Create("debian-live");
        tree.CopyDirectory("/etc/apache2", "/etc/apache2");
        AddHostFacts(tree);
        return new ApacheSetup("debian-live", tree, "/etc/apache2/apache2.conf", "/etc/apache2") { EnvVarsFile = "/etc/apache2/envvars" };
    }

    /// <summary>
    /// h5bp/server-configs-apache's httpd.conf with its h5bp/ and vhosts/ snippets at its own
    /// ServerRoot /usr/local/apache2. Wrapped for a Debian httpd: `modules` and `conf/mime.types`
    /// are symlinks to Debian's module folder and /etc/mime.types, and the LoadModule lines of
    /// modules Debian builds in (unixd, log_config) are commented out, line numbers kept.
    /// </summary>
    public static ApacheSetup H5bp()
    {
        var source = RepoPaths.RequireCorpus("h5bp-server-configs-apache");
        const string serverRoot = "/usr/local/apache2";
        var tree = HostTree.Create("h5bp");
        tree.CopyDirectory(source, serverRoot, skip: rel => rel == "dist" || rel == "test" || rel.StartsWith("dist/") || rel.StartsWith("test/"));
        var conf = CommentOutLines(tree.ReadText(serverRoot + "/httpd.conf"), BuiltInOrServerRoot);
        tree.Write(serverRoot + "/httpd.conf", conf);
        tree.Symlink(serverRoot + "/modules", DebianModuleDir);
        tree.Symlink(serverRoot + "/conf/mime.types", "/etc/mime.types");
        tree.CreateDirectory(serverRoot + "/logs");
        AddHostFacts(tree);
        return new ApacheSetup("h5bp", tree, serverRoot + "/httpd.conf", serverRoot);
    }

    /// <summary>
    /// apache/httpd's docs/conf templates (2.4.x or trunk) installed as `make install` would under
    /// /usr/local/apache2/conf, placeholders filled from corpus/apache-httpd/values.tsv (which
    /// loads Debian's modules instead of a build's). httpd checks the main server's DocumentRoot
    /// on disk even with -t, so this is a real-path tree: every absolute value of the map is placed
    /// under the tree's folder.
    /// </summary>
    public static ApacheSetup ApacheHttpd(string version)
    {
        var source = RepoPaths.RequireCorpus(Path.Combine("apache-httpd", version));
        var tree = HostTree.CreateInPlace("httpd-" + version);
        var values = LoadValues(RepoPaths.InRepo("corpus/apache-httpd/values.tsv"))
            .ToDictionary(kv => kv.Key, kv => kv.Key != "@@LoadModule@@" && kv.Value.StartsWith('/') ? tree.HostPrefix + kv.Value : kv.Value);
        var serverRoot = values["@@ServerRoot@@"];
        foreach (var file in Directory.EnumerateFiles(source, "*.conf.in", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(source, file);
            var text = Fill(File.ReadAllText(file), values);
            text = CommentOutLines(text, BuiltInOrServerRoot);
            tree.Write(serverRoot + "/conf/" + relative[..^".in".Length], text);
        }
        tree.Symlink(serverRoot + "/conf/mime.types", "/etc/mime.types");
        foreach (var dir in new[] { "logs", "htdocs", "cgi-bin", "icons", "error", "manual" }) tree.CreateDirectory(serverRoot + "/" + dir);
        AddHostFacts(tree);
        return new ApacheSetup("httpd-" + version, tree, serverRoot + "/conf/httpd.conf", serverRoot);
    }

    /// <summary>
    /// A host tree of the repository's examples/ (e.g. "faq-chroot/fixed"): a Debian-like
    /// /etc/apache2 with its envvars, users, jails and placeholders, copied into a temporary
    /// sysroot so nothing writes into the repository.
    /// </summary>
    public static ApacheSetup Example(string relative, string mainConfig = "/etc/apache2/apache2.conf", string serverRoot = "/etc/apache2")
    {
        var source = RepoPaths.InRepo(Path.Combine("examples", relative));
        if (!Directory.Exists(source)) throw new DirectoryNotFoundException(source);
        var tree = HostTree.Create(relative.Replace('/', '-'));
        tree.CopyDirectory(source, "/");
        var envvars = serverRoot + "/envvars";
        return new ApacheSetup("example " + relative, tree, mainConfig, serverRoot) { EnvVarsFile = tree.Exists(envvars) ? envvars : null };
    }

    /// <summary>Placeholder → value, from a tab-separated file (`#` comments; `\n` in a value is a line break).</summary>
    public static IReadOnlyDictionary<string, string> LoadValues(string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var tab = line.IndexOf('\t');
            if (tab < 0) throw new FormatException($"{path}: no tab in '{line}'");
            map[line[..tab]] = line[(tab + 1)..].Replace("\\n", "\n");
        }
        return map;
    }

    /// <summary>Fills every placeholder; throws when one has no value, so a new template placeholder is noticed.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        var filled = Regex.Replace(template, "@@?[A-Za-z_]+@@?", m =>
            values.TryGetValue(m.Value, out var v) ? v : throw new KeyNotFoundException($"no value for {m.Value} in values.tsv"));
        return filled;
    }

    private static readonly Regex BuiltInLoadModule = new(@"^\s*LoadModule\s+(unixd|log_config|logio|version|so|watchdog|core|http_core)_module\s", RegexOptions.IgnoreCase);
    private static readonly Regex ServerRootLine = new(@"^\s*ServerRoot\s", RegexOptions.IgnoreCase);

    private static bool BuiltInOrServerRoot(string line) => BuiltInLoadModule.IsMatch(line) || ServerRootLine.IsMatch(line);

    /// <summary>Turns matching lines into comments, keeping every line number.</summary>
    public static string CommentOutLines(string text, Func<string, bool> match)
    {
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
            if (match(lines[i])) lines[i] = "# (given to the differential harness separately) " + lines[i].TrimStart();
        return string.Join('\n', lines);
    }

    /// <summary>
    /// What every tree takes from the host: a file at each module path of this machine (Debian's
    /// module folder, or the paths the tree's .load files name), and users for `User`/`Group`.
    /// </summary>
    public static void AddHostFacts(HostTree tree, IEnumerable<(string Name, int Id)>? extraUsers = null)
    {
        if (tree.IsSysroot && Directory.Exists(DebianModuleDir))
            foreach (var so in Directory.EnumerateFiles(DebianModuleDir, "*.so").Order(StringComparer.Ordinal))
            {
                var hostPath = DebianModuleDir + "/" + Path.GetFileName(so);
                if (!tree.Exists(hostPath)) tree.WriteBytes(hostPath, Array.Empty<byte>());
            }

        if (!File.Exists(tree.UnderRoot("etc/passwd")))
        {
            var passwd = new StringBuilder()
                .Append("root:x:0:0:root:/root:/bin/bash\n")
                .Append("daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n")
                .Append("www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n")
                .Append("nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
            var group = new StringBuilder()
                .Append("root:x:0:\n").Append("daemon:x:1:\n").Append("www-data:x:33:\n").Append("nogroup:x:65534:\n");
            foreach (var (name, id) in extraUsers ?? Array.Empty<(string, int)>())
            {
                passwd.Append($"{name}:x:{id}:{id}::/home/{name}:/bin/sh\n");
                group.Append($"{name}:x:{id}:\n");
            }
            tree.Write(tree.HostPrefix + "/etc/passwd", passwd.ToString());
            tree.Write(tree.HostPrefix + "/etc/group", group.ToString());
        }
    }
}
