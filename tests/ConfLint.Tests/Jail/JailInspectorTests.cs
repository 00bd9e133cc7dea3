using ConfLint.Hosting;
using ConfLint.Jail;
using Xunit;

namespace ConfLint.Tests.Jail;

public sealed class JailInspectorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("conflint-jail-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

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

    internal static string Run(string program, params string[] args) => Oracles.Processes.Check(program, args);
}
