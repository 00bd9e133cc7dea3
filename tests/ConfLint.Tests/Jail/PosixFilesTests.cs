using ConfLint.Jail;
using Xunit;

namespace ConfLint.Tests.Jail;

/// <summary>
/// Directory reads that end at the first short read (on file systems whose reads fill the buffer) must list exactly what
/// reading to the empty read lists; statx's mount-root bit decides where a walk asks the file system again.
/// </summary>
public sealed class PosixFilesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("conflint-posixfiles-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string[] Read(string directory, bool shortReadEnds)
    {
        int fd = PosixFiles.OpenDirectory(directory, default);
        Assert.True(fd >= 0, directory);
        try { return PosixFiles.ReadDirectoryEntries(fd, shortReadEnds)?.Select(e => e.Name).ToArray() ?? throw new InvalidOperationException("unreadable: " + directory); }
        finally { PosixFiles.Close(fd); }
    }

    [Theory]
    [InlineData(0, 4)]      // empty
    [InlineData(3, 8)]      // a jail's directory
    [InlineData(2000, 60)]  // several buffers of 32 KiB
    [InlineData(300, 255)]  // the longest names a directory entry can hold
    public void A_directory_read_to_its_first_short_read_lists_every_name(int count, int maxLength)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, $"d{count}-{maxLength}")).FullName;
        var expected = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var name = $"{i:D4}".PadRight(Math.Max(4, maxLength - i % 7), 'x');
            File.WriteAllText(Path.Combine(dir, name), "");
            expected.Add(name);
        }
        var full = Read(dir, shortReadEnds: false);
        Assert.Equal(expected.Order(StringComparer.Ordinal), full.Order(StringComparer.Ordinal));
        Assert.Equal(full, Read(dir, shortReadEnds: true));
    }

    [Fact]
    public void The_file_systems_whose_reads_fill_the_buffer_are_told_apart()
    {
        if (!OperatingSystem.IsLinux()) return;
        // statfs's f_type as stat(1) prints it (hex): ext2/3/4, XFS, Btrfs, tmpfs, overlayfs fill the buffer.
        var filling = new[] { "ef53", "58465342", "9123683e", "1021994", "794c7630" };
        foreach (var dir in new[] { _root, "/proc", "/sys", "/dev/shm", "/" }.Where(Directory.Exists))
            Assert.True(filling.Contains(FileSystemType(dir)) == Fills(dir), $"{dir}: f_type {FileSystemType(dir)}");
        Assert.False(Fills("/proc"));
    }

    private static string FileSystemType(string directory)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("stat", ["-f", "-c", "%t", directory]) { RedirectStandardOutput = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var type = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return type;
    }

    private static bool Fills(string directory)
    {
        int fd = PosixFiles.OpenDirectory(directory, default);
        Assert.True(fd >= 0, directory);
        try { return PosixFiles.FillsDirectoryReads(fd); }
        finally { PosixFiles.Close(fd); }
    }

    [Fact]
    public void Statx_says_where_a_mount_begins()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.True(PosixFiles.Lstat(PosixFiles.CurrentDirectory, "/proc", default, out var proc));
        Assert.True(PosixFiles.Lstat(PosixFiles.CurrentDirectory, "/proc/sys/kernel", default, out var kernel));
        Assert.True(PosixFiles.Lstat(PosixFiles.CurrentDirectory, _root, default, out var temp));
        // A kernel before 5.8 cannot say (null); one that can must say /proc is a mount root and these are not.
        if (proc.IsMountRoot is null) return;
        Assert.True(proc.IsMountRoot);
        Assert.False(kernel.IsMountRoot);
        Assert.False(temp.IsMountRoot);
    }

    [Fact]
    public void Walking_and_reading_as_root_leave_access_times_as_they_were()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") return;
        var jail = Directory.CreateDirectory(Path.Combine(_root, "jail/etc")).Parent!.FullName;
        var file = Path.Combine(jail, "etc/php.ini");
        File.WriteAllText(file, "doc_root = /html\n");
        // Access times older than the modification times: relatime would rewrite them at the next read.
        var old = DateTime.UtcNow.AddDays(-3);
        foreach (var path in new[] { jail, Path.Combine(jail, "etc"), file })
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-1));
            File.SetLastAccessTimeUtc(path, old);
        }
        var fs = new ConfLint.Hosting.HostFileSystem("/");
        Assert.True(new JailInspector(fs).Walk(jail, out _).Complete);
        Assert.NotNull(fs.ReadText(file, new ConfLint.Diagnostics.DiagnosticBag(), null, 1 << 20));
        foreach (var path in new[] { jail, Path.Combine(jail, "etc"), file })
            Assert.Equal(old, File.GetLastAccessTimeUtc(path));
    }
}
