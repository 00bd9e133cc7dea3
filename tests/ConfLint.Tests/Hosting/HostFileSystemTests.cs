using ConfLint.Diagnostics;
using ConfLint.Hosting;
using Xunit;

namespace ConfLint.Tests.Hosting;

/// <summary>
/// The sysroot file system: symlinks are resolved inside the lint root (absolute targets re-rooted),
/// directories are memoised, and the existence checks answer as File.Exists/Directory.Exists
/// would on the host itself.
/// </summary>
public sealed class HostFileSystemTests : IDisposable
{
    private readonly TempHostTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private void Symlink(string hostPath, string target)
    {
        var real = _tree.RealPath(hostPath);
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.CreateSymbolicLink(real, target);
    }

    [Fact]
    public void A_listing_for_reading_tells_what_a_fresh_file_system_would_find_at_each_entry()
    {
        _tree.Write("/etc/apache2/sites-enabled/a.conf", "");
        _tree.Write("/etc/apache2/sites-enabled/b.conf", "");
        Directory.CreateDirectory(_tree.RealPath("/etc/apache2/sites-enabled/dir.conf"));
        File.CreateSymbolicLink(_tree.RealPath("/etc/apache2/sites-enabled/link.conf"), "/etc/apache2/sites-enabled/a.conf");
        File.CreateSymbolicLink(_tree.RealPath("/etc/apache2/sites-enabled/dangling.conf"), "/nowhere");
        File.CreateSymbolicLink(_tree.RealPath("/etc/apache2/linked"), "sites-enabled");
        foreach (var dir in new[] { "/etc/apache2/sites-enabled", "/etc/apache2/linked", "/etc/apache2/linked/" })
        {
            var fs = new HostFileSystem(_tree.Root);
            var names = fs.ListDirectoryForReading(dir);
            Assert.Equal(new HostFileSystem(_tree.Root).ListDirectory(dir), names);
            foreach (var name in names!)
            {
                var path = HostFileSystem.NormalizeHostPath(dir + "/" + name);
                var fresh = new HostFileSystem(_tree.Root);
                Assert.True((fresh.FileExists(path), fresh.DirectoryExists(path), fresh.ToRealPath(path)) == (fs.FileExists(path), fs.DirectoryExists(path), fs.ToRealPath(path)), path);
            }
        }
        Assert.Null(new HostFileSystem(_tree.Root).ListDirectoryForReading("/etc/apache2/nonesuch"));
    }

    [Fact]
    public void Absolute_symlink_targets_are_resolved_inside_the_root()
    {
        _tree.Write("/srv/real/etc/php.ini", "x=1\n");
        Symlink("/srv/link", "/srv/real");            // a directory link with an absolute target
        Symlink("/etc/php.ini", "/srv/link/etc/php.ini"); // a file link through it
        var fs = new HostFileSystem(_tree.Root);

        Assert.True(fs.FileExists("/etc/php.ini"));
        Assert.False(fs.DirectoryExists("/etc/php.ini"));
        Assert.True(fs.DirectoryExists("/srv/link"));
        Assert.True(fs.FileExists("/srv/link/etc/php.ini"));
        Assert.Equal(_tree.RealPath("/srv/real/etc/php.ini"), fs.ToRealPath("/etc/php.ini"));
        Assert.Equal("/srv/real/etc/php.ini", fs.ResolveHostPath("/srv/link/./etc/../etc/php.ini"));
        // lstat's view: the directories on the way are resolved, the entry itself is not followed.
        Assert.Equal(_tree.RealPath("/etc/php.ini"), fs.ToRealPathOfEntry("/etc/php.ini"));
        Assert.Equal(_tree.RealPath("/srv/real/etc"), fs.ToRealPathOfEntry("/srv/link/etc"));
    }

    [Fact]
    public void Relative_targets_dangling_links_and_loops()
    {
        _tree.Write("/a/b/file", "");
        Symlink("/a/up", "../a/b");
        Symlink("/a/dangling", "/nowhere");
        Symlink("/a/loop1", "loop2");
        Symlink("/a/loop2", "loop1");
        var fs = new HostFileSystem(_tree.Root);

        Assert.True(fs.FileExists("/a/up/file"));
        Assert.True(fs.Exists("/a/up"));
        Assert.False(fs.Exists("/a/dangling"));
        Assert.False(fs.FileExists("/a/loop1"));
        Assert.False(fs.Exists("/a/missing/deeper"));
        Assert.True(fs.DirectoryExists("/"));
        Assert.False(fs.FileExists("/"));
    }

    [Fact]
    public void Reading_a_directory_reports_that_it_is_one()
    {
        _tree.Directory_("/etc/php.ini");
        var fs = new HostFileSystem(_tree.Root);
        var diagnostics = new DiagnosticBag();

        Assert.Null(fs.ReadText("/etc/php.ini", diagnostics));
        var finding = Assert.Single(diagnostics);
        Assert.Equal("CL0001", finding.Id);
        Assert.Contains("is a directory, a file is needed", finding.Message);
    }

    [Fact]
    public void A_script_is_read_with_its_mode_and_a_program_is_neither_read_nor_reported()
    {
        _tree.Write("/cgi/php-wrapper", "#!/bin/sh\nexec /usr/bin/php-cgi\n");
        File.SetUnixFileMode(_tree.RealPath("/cgi/php-wrapper"), (UnixFileMode)Convert.ToInt32("750", 8));
        // A program bigger than the head read first; and one of three bytes, too short to be ELF.
        var program = new byte[100_000];
        new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1 }.CopyTo(program, 0);
        File.WriteAllBytes(_tree.RealPath("/cgi/php-cgi"), program);
        File.WriteAllBytes(_tree.RealPath("/cgi/short"), new byte[] { 0x7F, (byte)'E', (byte)'L' });
        var fs = new HostFileSystem(_tree.Root);
        var diagnostics = new DiagnosticBag();

        var script = fs.ReadScript("/cgi/php-wrapper", diagnostics, out var mode, out var isProgram);
        Assert.Equal("#!/bin/sh\nexec /usr/bin/php-cgi\n", script?.Text);
        Assert.Equal(Convert.ToInt32("750", 8), mode);
        Assert.False(isProgram);

        Assert.Null(fs.ReadScript("/cgi/php-cgi", diagnostics, out _, out isProgram));
        Assert.True(isProgram);
        Assert.Empty(diagnostics);

        // Read as text, the same program is refused as binary; the short file is text (it holds no NUL).
        Assert.Null(fs.ReadText("/cgi/php-cgi", diagnostics));
        Assert.Equal("CL0002", Assert.Single(diagnostics).Id);
        Assert.NotNull(fs.ReadScript("/cgi/short", diagnostics, out _, out isProgram));
        Assert.False(isProgram);
    }

    [Fact]
    public void Files_larger_than_the_read_buffer_and_files_read_one_after_another_come_back_whole()
    {
        var large = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"key{i} = \"value {i}\"\n"));
        _tree.Write("/etc/large.ini", large);
        _tree.Write("/etc/small.ini", "a = 1\n");
        _tree.Write("/etc/café.ini", "name = \"café\"\n");
        var fs = new HostFileSystem(_tree.Root);
        var diagnostics = new DiagnosticBag();

        Assert.Equal(large, fs.ReadText("/etc/large.ini", diagnostics)?.Text);
        Assert.Equal("a = 1\n", fs.ReadText("/etc/small.ini", diagnostics)?.Text);
        Assert.Equal(large, fs.ReadText("/etc/large.ini", diagnostics)?.Text);
        Assert.Equal("name = \"café\"\n", fs.ReadText("/etc/café.ini", diagnostics)?.Text);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Missing_file_is_reported_as_missing()
    {
        var fs = new HostFileSystem(_tree.Root);
        var diagnostics = new DiagnosticBag();

        Assert.Null(fs.ReadText("/etc/none.conf", diagnostics));
        Assert.Contains("no such file", Assert.Single(diagnostics).Message);
    }

    [Theory]
    [InlineData("/a/b/../c/./d/", "/a/c/d")]
    [InlineData("//a///b", "/a/b")]
    [InlineData("/../..", "/")]
    [InlineData("a/b", "/a/b")]
    [InlineData("", "/")]
    [InlineData("/a/..", "/")]
    public void Host_paths_normalise_lexically(string path, string expected)
    {
        Assert.Equal(expected, HostFileSystem.NormalizeHostPath(path));
        Assert.Equal(expected, HostFileSystem.NormalizeHostPath("/", path));
    }

    [Fact]
    public void Joining_normalises_both_parts()
    {
        Assert.Equal("/srv/jail/etc/php.ini", HostFileSystem.NormalizeHostPath("/srv/jail/", "/etc/./php.ini"));
        Assert.Equal("/srv/etc", HostFileSystem.NormalizeHostPath("/srv/jail", "../etc"));
        Assert.Equal("/", HostFileSystem.NormalizeHostPath("/srv", "../../.."));
    }
}
