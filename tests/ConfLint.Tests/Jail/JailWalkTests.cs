using ConfLint.Hosting;
using ConfLint.Jail;
using Xunit;

namespace ConfLint.Tests.Jail;

/// <summary>
/// A complete jail walk answers whether a path inside the jail exists (JailWalk.Probe) instead of asking the kernel:
/// each answer it gives must be what stat(2) gives, through the host file system the model would otherwise ask.
/// </summary>
public sealed class JailWalkTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("conflint-jailwalk-").FullName;

    public void Dispose() => JailInspectorTests.Run("rm", "-rf", _root);

    private string Real(string hostPath) => _root + hostPath;

    // Names that sort around '/' ("a", "a-b", "a.b", "a0", "ab"), a chain deeper than the walk holds descriptors for,
    // files where directories are asked for, and symlinks (inside, absolute, dangling, a loop) that the walk leaves to the kernel.
    private void Plant()
    {
        foreach (var dir in new[] { "/jail/a/b", "/jail/a-b/c", "/jail/a.b", "/jail/a0", "/jail/ab/a", "/jail/etc/php/8.2", "/jail/usr/bin", "/jail/tmp" })
            Directory.CreateDirectory(Real(dir));
        foreach (var file in new[] { "/jail/a/b/php.ini", "/jail/a-b/c/x", "/jail/a.b/php.ini", "/jail/ab/a/y", "/jail/etc/php.ini", "/jail/usr/bin/php-cgi", "/jail/a0/z" })
            File.WriteAllText(Real(file), "");
        Directory.CreateDirectory(Real("/jail/deep") + string.Concat(Enumerable.Repeat("/d", 270)));
        File.WriteAllText(Real("/jail/deep") + string.Concat(Enumerable.Repeat("/d", 270)) + "/php.ini", "");
        File.CreateSymbolicLink(Real("/jail/etc/alt"), "php");
        File.CreateSymbolicLink(Real("/jail/lib"), "/usr/bin");
        File.CreateSymbolicLink(Real("/jail/dangling"), "nowhere");
        File.CreateSymbolicLink(Real("/jail/loop"), "loop");
        Directory.CreateDirectory(Real("/outside"));
        File.WriteAllText(Real("/outside/php.ini"), "");
    }

    private IEnumerable<string> Questions(JailWalk walk)
    {
        foreach (var entry in walk)
        {
            var path = entry.PathInJail;
            yield return path;
            foreach (var name in new[] { "php.ini", "php-cgi-fcgi.ini", "nope", "a", "b", "d", "x" })
                yield return (path == "/" ? "" : path) + "/" + name;
            yield return (path == "/" ? "" : path) + "/missing/php.ini";
        }
    }

    [Fact]
    public void Every_answer_the_walk_gives_is_the_kernel_s()
    {
        Plant();
        var fs = new HostFileSystem(_root);
        var walk = new JailInspector(fs).Walk("/jail", out var truncated);
        Assert.False(truncated);
        Assert.True(walk.Complete);
        int answered = 0, asked = 0;
        foreach (var question in Questions(walk).Distinct())
        {
            asked++;
            var answer = walk.Probe(question);
            if (answer == JailPathAnswer.Unknown) continue;
            answered++;
            var hostPath = "/jail" + question;
            var expected = fs.DirectoryExists(hostPath) ? JailPathAnswer.Directory : fs.FileExists(hostPath) ? JailPathAnswer.NotDirectory : JailPathAnswer.Missing;
            Assert.True(expected == answer, $"{question}: walk says {answer}, the kernel {expected}");
        }
        // Only what crosses a symlink is left to the kernel.
        var crossing = Questions(walk).Distinct().Count(q => new[] { "/etc/alt", "/lib", "/dangling", "/loop" }.Any(l => q == l || q.StartsWith(l + "/", StringComparison.Ordinal)));
        Assert.Equal(asked - crossing, answered);
    }

    [Fact]
    public void Probing_an_in_jail_path_answers_what_probing_its_host_path_answers()
    {
        Plant();
        var walks = new JailWalks(new HostFileSystem(_root));
        var walk = walks.Walk("/jail");
        foreach (var question in Questions(walk).Distinct().Append("/"))
            Assert.True(walks.Probe("/jail", "/jail" + (question == "/" ? "" : question)) == walks.ProbeInJail("/jail", question), question);
        Assert.Equal(JailPathAnswer.Unknown, walks.ProbeInJail("/", "/jail/etc/php.ini"));
        // Asked about as the jail names them, clean or not, paths get the file system's answers.
        var fresh = new HostFileSystem(_root);
        foreach (var question in Questions(walk).Distinct().Append("/etc/../etc/php.ini").Append("/usr/./bin//php-cgi").Append("/../etc"))
        {
            var hostPath = HostFileSystem.NormalizeHostPath("/jail", question);
            Assert.True(fresh.FileExists(hostPath) == walks.FileExistsInJail("/jail", question), question);
            Assert.True(fresh.DirectoryExists(hostPath) == walks.DirectoryExistsInJail("/jail", question), question);
        }
    }

    [Fact]
    public void The_walk_is_in_the_order_the_search_expects()
    {
        Plant();
        var walk = new JailInspector(new HostFileSystem(_root)).Walk("/jail", out _);
        for (int i = 1; i < walk.Count; i++)
            Assert.True(JailWalk.ComparePaths(walk[i - 1].PathInJail, walk[i].PathInJail) < 0, $"{walk[i - 1].PathInJail} before {walk[i].PathInJail}");
    }

    [Fact]
    public void An_incomplete_walk_answers_nothing()
    {
        Plant();
        var fs = new HostFileSystem(_root);
        var symlinkedRoot = new JailInspector(fs).Walk("/jail/lib", out _);
        Assert.Equal(JailPathAnswer.Unknown, symlinkedRoot.Probe("/php-cgi"));
        if (Environment.UserName == "root") return; // root reads any directory
        File.SetUnixFileMode(Real("/jail/a0"), UnixFileMode.None);
        try
        {
            var walk = new JailInspector(fs).Walk("/jail", out _);
            Assert.False(walk.Complete);
            Assert.Equal(JailPathAnswer.Unknown, walk.Probe("/etc/php.ini"));
        }
        finally
        {
            File.SetUnixFileMode(Real("/jail/a0"), (UnixFileMode)Convert.ToInt32("755", 8));
        }
    }
}
