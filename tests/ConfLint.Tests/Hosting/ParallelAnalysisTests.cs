using ConfLint.Hosting;
using Xunit;

namespace ConfLint.Tests.Hosting;

/// <summary>
/// A host with hundreds of sites, each with defects for the per-file rules (php.ini, wrapper) and the
/// whole-host rules (jail, handler chain): analysed on one thread and on two, the findings are the same,
/// in the same order, and a finding reported once per key stays once.
/// </summary>
public sealed class ParallelAnalysisTests
{
    private sealed class ManySitesTree : TestHostTree
    {
        public ManySitesTree(int sites) : base("conflint-many-", "fcgid_module", "suexec_module")
        {
            var apache = new System.Text.StringBuilder("ServerRoot /etc/apache2\n");
            var passwd = new System.Text.StringBuilder();
            for (int i = 0; i < sites; i++)
            {
                var jail = $"/srv/www/site{i}";
                apache.Append(FcgidSite(i, jail, jail + "/cgi/php-wrapper"));
                passwd.Append($"u{i}:x:{3000 + i}:{3000 + i}::{jail}/./home:/bin/sh\n");
                // Every third site's php.ini keeps cgi.fix_pathinfo on; every fifth wrapper forgets exec.
                Write($"{jail}/etc/php.ini", $"doc_root = /html\ncgi.fix_pathinfo = {(i % 3 == 0 ? 1 : 0)}\nexpose_php = On\n");
                Write($"{jail}/cgi/php-wrapper", $"#!/bin/sh\nPHPRC=/etc\nexport PHPRC\n{(i % 5 == 0 ? "" : "exec ")}/usr/bin/php-cgi\n", "755");
                Write($"{jail}/html/index.php", "<?php\n");
                if (i % 7 == 0) Write($"{jail}/tmp/.keep", "", null);
            }
            Write("/etc/apache2/apache2.conf", apache.ToString());
            Write("/etc/passwd", passwd.ToString());
            // No /etc/group: the whole-host rules say once that they cannot check groups.
        }
    }

    [Fact]
    public void Two_threads_find_what_one_finds()
    {
        using var tree = new ManySitesTree(150);
        var compilation = tree.Load();
        compilation.AnalyzeOnTwoThreads = false;
        var one = compilation.Analyze().Select(d => d.ToString()).ToList();
        compilation.AnalyzeOnTwoThreads = true;
        var two = compilation.Analyze().Select(d => d.ToString()).ToList();

        Assert.Equal(one, two);
        // Both kinds of rules found something, and the per-file ones on many files.
        Assert.Contains(one, d => d.Contains("CL4001"));
        Assert.Contains(one, d => d.Contains("CL7005"));
        Assert.True(one.Count(d => d.Contains("CL4009")) >= 150);
        Assert.Single(one, d => d.Contains("CL0004") && d.Contains("group"));
    }

    [Fact]
    public void Passes_that_share_work_are_not_taken_side_by_side()
    {
        using var tree = new ManySitesTree(10);
        var compilation = tree.Load();
        var passes = compilation.Passes;
        var order = compilation.PassOrder();
        Assert.Equal(Enumerable.Range(0, passes.Count), order.Order());
        var taken = order.Select(i => passes[i]).ToList();
        // The dictionary checks are shared by four rules: one of them comes first; the others only after every other long
        // pass, and all long passes before the per-file ones.
        var shared = taken.Select((p, at) => (p, at)).Where(x => x.p.SharedWork is not null).Select(x => x.at).ToList();
        Assert.Equal(4, shared.Count);
        int lastLong = taken.FindLastIndex(p => p.Long);
        Assert.True(shared[0] < 2, $"the first shared pass is taken at {shared[0]}");
        Assert.All(shared.Skip(1), at => Assert.True(at > lastLong - 3 && at <= lastLong, $"a later shared pass is taken at {at} (long passes end at {lastLong})"));
        Assert.All(taken.Take(lastLong + 1), p => Assert.True(p.Long));
    }

    [Fact]
    public void Large_hosts_take_the_second_thread_on_their_own()
    {
        using var tree = new ManySitesTree(150);
        var result = tree.Lint();
        var compilation = tree.Load();
        compilation.AnalyzeOnTwoThreads = false;
        Assert.Equal(compilation.Analyze().Select(d => d.ToString()), result.Diagnostics.Select(d => d.ToString()));
    }
}
