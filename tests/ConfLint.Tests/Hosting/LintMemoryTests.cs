using ConfLint.Hosting;
using Xunit;

namespace ConfLint.Tests.Hosting;

public sealed class LintMemoryTests
{
    // A heap reservation split by what the GC committed in it (rw-p) and what it only reserved (---p), between code, a
    // gap, shared memory and a named anonymous mapping.
    private static readonly string[] Maps =
    {
        "55e4da400000-55e4da4e7000 r-xp 00010000 fe:00 11681846                   /opt/conflint/conflint-cli",
        "7f4100000000-7f4118021000 ---p 00000000 00:00 0 ",
        "7f4118021000-7f411c000000 rw-p 00000000 00:00 0 ",
        "7f411c000000-7f413e800000 ---p 00000000 00:00 0 ",
        "7f413e800000-7f4146a70000 rw-p 00000000 00:00 0 ",
        "7f4146a70000-7f4147000000 ---p 00000000 00:00 0 ",
        "7f4147000000-7f414f667000 rw-s 00000000 00:05 42                         /dev/shm/x",
        "7f4150000000-7f4151000000 rw-p 00000000 00:00 0 ",
        "7f4151000000-7f4152000000 rw-p 00000000 00:00 0                          [anon:other]",
        "garbage line",
    };

    private const long Window = 256L << 20;

    [Theory]
    [InlineData(0x7f413e800000L, 0x7f412e800000L, 0x7f4147000000L)] // the young generation: the run around it, cut 256 MB below, ending at the shared memory
    [InlineData(0x7f4118021010L, 0x7f4108021000L, 0x7f4128021000L)] // deep in the run: 256 MB either side, to the page
    [InlineData(0x7f4100000000L, 0x7f4100000000L, 0x7f4110000000L)] // the run's first byte: it starts there
    [InlineData(0x7f4150000100L, 0x7f4150000000L, 0x7f4151000000L)] // a run of its own after a gap, ending at a named mapping
    [InlineData(0x7f4147000010L, -1L, -1L)]                          // shared memory is not the heap
    [InlineData(0x7f4151000010L, -1L, -1L)]                          // nor is a named mapping
    [InlineData(0x7f414f700000L, -1L, -1L)]                          // in no mapping listed
    [InlineData(0x55e4da400100L, -1L, -1L)]                          // code
    public void The_heap_range_around_an_address_is_its_run_of_private_anonymous_mappings_within_the_window(long address, long start, long end)
    {
        var found = LintMemory.HeapRangeAround(address, Maps, Window);
        Assert.Equal(start < 0 ? null : (start, end - start), found);
    }

    [Fact]
    public void This_process_s_heap_is_in_a_private_anonymous_range()
    {
        if (!OperatingSystem.IsLinux()) return;
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(new byte[1], System.Runtime.InteropServices.GCHandleType.Pinned);
        long address = handle.AddrOfPinnedObject();
        handle.Free();
        var found = LintMemory.HeapRangeAround(address, File.ReadLines("/proc/self/maps"), Window);
        Assert.NotNull(found);
        Assert.InRange(address, found!.Value.Start, found.Value.Start + found.Value.Length - 1);
        Assert.True(found.Value.Length <= 2 * Window);
    }

    // A host of mod_fcgid sites, each with its suexec user, /./ jail, wrapper and php.ini, all in one apache2.conf.
    private sealed class FcgidFleet : TestHostTree
    {
        public FcgidFleet(int sites) : base("conflint-memory-", "fcgid_module", "suexec_module")
        {
            var apache = new System.Text.StringBuilder("ServerRoot /etc/apache2\n");
            var passwd = new System.Text.StringBuilder();
            var group = new System.Text.StringBuilder();
            for (int i = 0; i < sites; i++)
            {
                var jail = $"/srv/www/site{i}";
                apache.Append(FcgidSite(i, jail, $"{jail}/cgi/php-wrapper"));
                passwd.Append($"u{i}:x:{3000 + i}:{3000 + i}::{jail}/./home:/bin/sh\n");
                group.Append($"u{i}:x:{3000 + i}:\n");
                Write($"{jail}/etc/php.ini", "doc_root = /html\ncgi.fix_pathinfo = 0\n");
                Write($"{jail}/cgi/php-wrapper", "#!/bin/sh\nPHPRC=/etc\nexport PHPRC\nexec /usr/bin/php-cgi\n", "755");
                Write($"{jail}/html/index.php", "<?php\n");
            }
            Write("/etc/apache2/apache2.conf", apache.ToString());
            Write("/etc/passwd", passwd.ToString());
            Write("/etc/group", group.ToString());
        }
    }

    [Fact]
    public void A_host_that_outgrows_the_first_no_GC_region_is_linted_without_a_garbage_collection()
    {
        // 5,000 such sites allocate some 150 MB, past the first region's 144 MB: only a region grown when three quarters of
        // the first are taken keeps the run free of collections. The program runs on its own, as LintMemory.Prepare is
        // made for a process of one lint.
        using var fleet = new FcgidFleet(5000);
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "conflint-cli.dll"), "lint", "--stats", "--format", "json", "--fail-on", "none", "--module", "fcgid_module", "--module", "suexec_module", fleet.Root })
            psi.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var stats = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        Assert.True(stats.Contains("5000 vhosts, 5000 jails"), stats);
        var allocated = System.Text.RegularExpressions.Regex.Match(stats, @"(\d+) MB allocated");
        Assert.True(allocated.Success && long.Parse(allocated.Groups[1].Value) > 144, stats);
        Assert.True(stats.Contains("no garbage collection"), stats);
        Assert.StartsWith("[", output.Result.TrimStart()); // the report was written
    }
}
