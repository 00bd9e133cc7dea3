using ConfLint.Hosting;
using ConfLint.Jail;
using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Jail;

/// <summary>Jails walked by whichever thread asks first give exactly what one walk on one thread gives.</summary>
public sealed class JailWalksTests : IDisposable
{
    private readonly TempHostTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static string Describe(IEnumerable<JailFileInfo> entries) =>
        string.Join("\n", entries.Select(e => $"{e.HostPath} {e.PathInJail} {e.Kind} {e.Uid}:{e.Gid} {e.OctalMode} {e.LinkTarget}"));

    private List<string> MakeJails(int count)
    {
        var roots = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var root = $"/srv/www/{i % 7}/site{i}";
            _tree.Directory_(root + "/html").Directory_(root + "/tmp")
                .Write(root + "/etc/php.ini", "x=1\n")
                .Write(root + "/usr/bin/php-cgi", "");
            File.SetUnixFileMode(_tree.RealPath(root + "/tmp"), (UnixFileMode)Convert.ToInt32("1777", 8));
            if (i % 5 == 0) File.CreateSymbolicLink(_tree.RealPath(root + "/html/link"), "/etc/php.ini");
            roots.Add(root);
        }
        // A jail root reached through a symlinked directory.
        Directory.CreateSymbolicLink(_tree.RealPath("/srv/alias"), "/srv/www/0");
        roots.Add("/srv/alias/site0");
        return roots;
    }

    [Fact]
    public void Walks_asked_for_on_two_threads_are_the_walks_one_thread_makes()
    {
        var roots = MakeJails(60);
        var expected = roots.ToDictionary(r => r, r => Describe(new JailInspector(new HostFileSystem(_tree.Root)).Walk(r, out _)));

        // One thread probes (and so walks) the jails in order while the other asks for them in the opposite order, as the
        // model's builders and the jail rules do: they meet in the middle, where a probe finds a walk under way.
        var walks = new JailWalks(new HostFileSystem(_tree.Root));
        var prober = Task.Run(() =>
        {
            foreach (var root in roots) walks.Probe(root, root + "/etc/php.ini");
        });
        foreach (var root in Enumerable.Reverse(roots))
            Assert.Equal(expected[root], Describe(walks.Walk(root)));
        prober.GetAwaiter().GetResult();
        foreach (var root in roots)
            Assert.Same(walks.Walk(root), walks.Walk(root)); // one walk each, whichever thread made it

        Assert.Contains("/srv/www/0/site0/html/link /html/link Symlink", expected["/srv/www/0/site0"]);
        Assert.StartsWith("/srv/alias/site0 / Directory", expected["/srv/alias/site0"]);
        Assert.Equal(JailPathAnswer.NotDirectory, walks.Probe("/srv/www/1/site1", "/srv/www/1/site1/etc/php.ini"));
        Assert.Equal(JailPathAnswer.Missing, walks.Probe("/srv/www/1/site1", "/srv/www/1/site1/etc/php-cgi-fcgi.ini"));
        Assert.Equal(JailPathAnswer.Unknown, walks.Probe("/srv/www/1/site1", "/srv/www/1/site10/etc/php.ini"));
    }

    [Fact]
    public void What_a_walk_tells_the_file_system_is_what_the_file_system_would_find()
    {
        var roots = MakeJails(12);
        Directory.CreateSymbolicLink(_tree.RealPath("/srv/www/3/site3/etc/alt"), "/srv/www/1/site1/etc");
        var shared = new HostFileSystem(_tree.Root);
        var fresh = new HostFileSystem(_tree.Root);
        var walks = new JailWalks(shared);
        var paths = new[] { "", "/etc/php.ini", "/etc", "/usr/bin/php-cgi", "/html/link", "/etc/alt", "/etc/alt/php.ini", "/nope", "/tmp", "/usr/bin/none" };
        foreach (var root in roots)
        {
            foreach (var path in paths) walks.ShareWithFileSystem(root, root + path);
            foreach (var path in paths)
            {
                var hostPath = root + path;
                Assert.Equal(fresh.ToRealPath(hostPath), shared.ToRealPath(hostPath));
                Assert.Equal(fresh.FileExists(hostPath), shared.FileExists(hostPath));
                Assert.Equal(fresh.DirectoryExists(hostPath), shared.DirectoryExists(hostPath));
            }
        }
        // Through the symlinked /srv/alias the real path is another one: the walk must not have told it otherwise.
        Assert.Equal(_tree.RealPath("/srv/www/0/site0/etc/php.ini"), shared.ToRealPath("/srv/alias/site0/etc/php.ini"));
    }

    [Fact]
    public void Each_jail_is_walked_once()
    {
        var roots = MakeJails(3);
        var walks = new JailWalks(new HostFileSystem(_tree.Root));
        var first = walks.Walk(roots[0]);
        Assert.Same(first, walks.Walk(roots[0]));
        Assert.Equal(new[] { "/", "/etc", "/etc/php.ini", "/html", "/html/link", "/tmp", "/usr", "/usr/bin", "/usr/bin/php-cgi" },
            first.Select(e => e.PathInJail));
    }
}
