using ConfLint.Hosting;
using ConfLint.Jail;
using Xunit;

namespace ConfLint.Tests.Jail;

public sealed class JailInspectorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("conflint-jail-").FullName;

    // rm, not Directory.Delete: .NET cannot name a file whose name is not UTF-8.
    public void Dispose() => Run("rm", "-rf", _root);

    private string Real(string hostPath) => _root + hostPath;

    [Fact]
    public void Lstat_reports_owner_and_mode_like_stat()
    {
        Directory.CreateDirectory(Real("/www/jail/tmp"));
        File.SetUnixFileMode(Real("/www/jail/tmp"), (UnixFileMode)Convert.ToInt32("1777", 8));
        File.WriteAllText(Real("/www/jail/su"), "x");
        File.SetUnixFileMode(Real("/www/jail/su"), (UnixFileMode)Convert.ToInt32("4755", 8));
        var inspector = new JailInspector(new HostFileSystem(_root));

        foreach (var path in new[] { "/www/jail/tmp", "/www/jail/su" })
        {
            var info = inspector.Lstat(path);
            var stat = Run("stat", "-c", "%a %u %g", Real(path)).Split(' ');
            Assert.Equal(Convert.ToInt32(stat[0], 8), info.Mode);
            Assert.Equal(long.Parse(stat[1]), info.Uid);
            Assert.Equal(long.Parse(stat[2]), info.Gid);
        }
        Assert.True(inspector.Lstat("/www/jail/su").IsSetUid);
        Assert.True(inspector.Lstat("/www/jail/tmp").IsSticky);
        Assert.Equal(JailFileKind.Missing, inspector.Lstat("/www/jail/nope").Kind);
    }

    [Fact]
    public void Lstat_does_not_follow_a_symlink_and_walk_lists_every_entry()
    {
        Directory.CreateDirectory(Real("/jail/etc"));
        File.WriteAllText(Real("/jail/etc/php.ini"), "");
        File.CreateSymbolicLink(Real("/jail/link"), "/etc/php.ini");
        var inspector = new JailInspector(new HostFileSystem(_root));

        var link = inspector.Lstat("/jail/link");
        Assert.Equal(JailFileKind.Symlink, link.Kind);
        Assert.Equal("/etc/php.ini", link.LinkTarget);

        var walked = inspector.Walk("/jail", out var truncated).Select(i => i.HostPath).ToList();
        Assert.False(truncated);
        Assert.Equal(new[] { "/jail", "/jail/etc", "/jail/etc/php.ini", "/jail/link" }, walked);
    }

    [SkippableFact]
    public void Device_nodes_are_seen_as_devices()
    {
        Skip.IfNot(Environment.UserName == "root", "mknod needs root");
        Directory.CreateDirectory(Real("/jail/dev"));
        Run("mknod", Real("/jail/dev/null"), "c", "1", "3");
        var info = new JailInspector(new HostFileSystem(_root)).Lstat("/jail/dev/null");
        Assert.Equal(JailFileKind.CharacterDevice, info.Kind);
    }

    [Fact]
    public void Path_components_run_from_root_to_the_jail()
    {
        Directory.CreateDirectory(Real("/www/h/o/host"));
        var components = new JailInspector(new HostFileSystem(_root)).PathComponents("/www/h/o/host");
        Assert.Equal(new[] { "/", "/www", "/www/h", "/www/h/o", "/www/h/o/host" }, components.Select(c => c.HostPath));
        Assert.All(components, c => Assert.Equal(JailFileKind.Directory, c.Kind));
    }

    [Fact]
    public void Walk_sees_what_find_sees_in_a_deep_tree_with_odd_names()
    {
        // Names that are not UTF-8, a symlink, a FIFO, setuid and sticky bits, and a chain of directories deeper than
        // the walk holds descriptors for (it reads that part by full paths).
        Directory.CreateDirectory(Real("/jail/html"));
        var deep = Real("/jail/html") + string.Concat(Enumerable.Repeat("/d", 300));
        Directory.CreateDirectory(deep);
        File.WriteAllText(deep + "/bottom.php", "");
        Run("sh", "-c", "cd \"$1\" && printf x > \"$(printf 'caf\\351')\" && mkdir \"$(printf '\\377\\376')\" && mkfifo \"$(printf '\\377\\376')/fifo\"", "sh", Real("/jail/html"));
        File.WriteAllText(Real("/jail/html/su"), "");
        File.SetUnixFileMode(Real("/jail/html/su"), (UnixFileMode)Convert.ToInt32("4755", 8));
        Directory.CreateDirectory(Real("/jail/tmp"));
        File.SetUnixFileMode(Real("/jail/tmp"), (UnixFileMode)Convert.ToInt32("1777", 8));
        File.CreateSymbolicLink(Real("/jail/html/up"), "../tmp");

        var walked = new JailInspector(new HostFileSystem(_root)).Walk("/jail", out var truncated);
        Assert.False(truncated);
        var kinds = new Dictionary<JailFileKind, char> { [JailFileKind.File] = 'f', [JailFileKind.Directory] = 'd', [JailFileKind.Symlink] = 'l', [JailFileKind.Fifo] = 'p' };
        var ours = walked.Select(e => (e.PathInJail == "/" ? Array.Empty<byte>() : Mono.Unix.UnixEncoding.Instance.GetBytes(e.PathInJail[1..]))
            .Concat(System.Text.Encoding.ASCII.GetBytes($"|{kinds[e.Kind]} {e.Uid} {e.Gid} {Convert.ToString(e.Mode, 8)} {e.LinkCount}|{e.LinkTarget}")).ToArray());

        var listing = Real("/find.out");
        Run("find", "-P", Real("/jail"), "-fprintf", listing, "%P|%y %U %G %m %n|%l\\0");
        var theirs = File.ReadAllBytes(listing).AsSpan().ToArray().Aggregate(new List<List<byte>> { new() }, (lines, b) =>
        {
            if (b == 0) lines.Add(new List<byte>()); else lines[^1].Add(b);
            return lines;
        }).Where(l => l.Count > 0).Select(l => l.ToArray());

        static List<string> Sorted(IEnumerable<byte[]> lines) => lines.Select(Convert.ToHexString).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Sorted(theirs), Sorted(ours));
        Assert.Equal(1 + 1 + 300 + 1 + 6, walked.Count); // the root, html, the chain and its file; café, \xff\xfe, fifo, su, up, tmp
    }

    [Fact]
    public void A_jail_root_that_is_not_a_directory_is_listed_alone_and_not_walked()
    {
        Directory.CreateDirectory(Real("/elsewhere/etc"));
        File.CreateSymbolicLink(Real("/link-jail"), "elsewhere"); // relative: it leads to a directory on this host too
        File.WriteAllText(Real("/file-jail"), "");
        var inspector = new JailInspector(new HostFileSystem(_root));

        var throughLink = inspector.Walk("/link-jail", out _);
        Assert.Equal(JailFileKind.Symlink, Assert.Single(throughLink).Kind);
        Assert.False(throughLink.Complete);
        Assert.Equal(JailFileKind.File, Assert.Single(inspector.Walk("/file-jail", out _)).Kind);
        var missing = inspector.Walk("/no-jail", out _);
        Assert.Empty(missing);
        Assert.False(missing.Complete);
    }

    [Fact]
    public void Walks_of_many_jails_with_one_inspector_agree_with_find_also_across_a_mount()
    {
        // One inspector asks each file system what it is once (by device) and reuses the answer for every jail on it,
        // and again at a mount root inside a jail: a tmpfs there, as root.
        for (int j = 0; j < 3; j++)
        {
            Directory.CreateDirectory(Real($"/srv/j{j}/etc"));
            Directory.CreateDirectory(Real($"/srv/j{j}/tmp"));
            Directory.CreateDirectory(Real($"/srv/j{j}/usr/bin"));
            File.WriteAllText(Real($"/srv/j{j}/etc/php.ini"), "");
            File.WriteAllText(Real($"/srv/j{j}/usr/bin/php-cgi"), "");
        }
        bool mounted = Environment.UserName == "root" && Oracles.Processes.Run("mount", "-t", "tmpfs", "conflint-test", Real("/srv/j1/tmp")).ExitCode == 0;
        try
        {
            if (mounted)
                for (int i = 0; i < 40; i++) File.WriteAllText(Real($"/srv/j1/tmp/sess_{i}"), "");
            var inspector = new JailInspector(new HostFileSystem(_root));
            for (int round = 0; round < 2; round++)
                for (int j = 0; j < 3; j++)
                {
                    var walk = inspector.Walk($"/srv/j{j}", out var truncated);
                    Assert.False(truncated);
                    Assert.True(walk.Complete);
                    var find = Run("find", "-P", Real($"/srv/j{j}"), "-printf", "/%P\n").Split('\n', StringSplitOptions.RemoveEmptyEntries)
                        .Order(StringComparer.Ordinal);
                    Assert.Equal(find, walk.Select(e => e.PathInJail).Order(StringComparer.Ordinal));
                }
            if (mounted) Assert.Equal(1 + 2 + 1 + 40 + 3, inspector.Walk("/srv/j1", out _).Count); // root, etc/php.ini, tmp and its files, usr/bin/php-cgi
        }
        finally
        {
            if (mounted) Oracles.Processes.Run("umount", Real("/srv/j1/tmp"));
        }
    }

    internal static string Run(string program, params string[] args) => Oracles.Processes.Check(program, args);
}
