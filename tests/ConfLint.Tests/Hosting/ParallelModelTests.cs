using ConfLint.Hosting;
using ConfLint.Hosting.Model;
using Xunit;

namespace ConfLint.Tests.Hosting;

/// <summary>
/// The vhosts of a large host are built on two threads: the files they read join the compilation in
/// the order one thread would have read them, with what their front ends reported, so the model, the
/// inputs and every finding are the same.
/// </summary>
public sealed class ParallelModelTests
{
    private sealed class SharedAndOwnFilesTree : TestHostTree
    {
        public SharedAndOwnFilesTree(int sites) : base("conflint-model-", "fcgid_module", "suexec_module")
        {
            var apache = new System.Text.StringBuilder("ServerRoot /etc/apache2\n");
            var passwd = new System.Text.StringBuilder();
            var pools = new System.Text.StringBuilder("[global]\npid = /run/php-fpm.pid\n\n");
            for (int i = 0; i < sites; i++)
            {
                // Jailed sites read their own wrapper and php.ini; the others share one wrapper and one php.ini, first
                // needed by a site in the middle of the list.
                bool jailed = i % 4 != 1;
                if (i % 5 == 4)
                {
                    // A PHP-FPM site: its pool is read with the PHP-FPM configuration, beside the other vhosts.
                    apache.Append($$"""
                        <VirtualHost *:80>
                            ServerName site{{i}}.example.com
                            DocumentRoot /srv/www/site{{i}}/html
                            <FilesMatch "\.php$">
                                SetHandler "proxy:unix:/run/php/site{{i}}.sock|fcgi://localhost"
                            </FilesMatch>
                        </VirtualHost>

                        """);
                    pools.Append($"[site{i}]\nuser = {(i % 15 == 4 ? "nobody-here" : "u" + i)}\ngroup = u{i}\nlisten = /run/php/site{i}.sock\npm = ondemand\npm.max_children = 2\nchroot = /srv/www/site{i}\n\n");
                    passwd.Append($"u{i}:x:{3000 + i}:{3000 + i}::/srv/www/site{i}:/bin/sh\n");
                    Write($"/srv/www/site{i}/etc/php.ini", "doc_root = /html\n");
                    continue;
                }
                var jail = $"/srv/www/site{i}";
                var wrapper = jailed ? $"{jail}/cgi/php-wrapper" : i % 8 == 1 ? "/usr/local/bin/php-wrapper" : "/usr/local/bin/other-wrapper";
                apache.Append(FcgidSite(i, jail, wrapper));
                passwd.Append($"u{i}:x:{3000 + i}:{3000 + i}::{(jailed ? jail + "/./home" : jail)}:/bin/sh\n");
                if (!jailed) continue;
                // Some php.ini files do not parse, some wrappers are binary: their front ends report while they are read.
                // The third site's php.ini is long: while one thread reads it, the other builds the sites after it, which
                // must still join the compilation after it.
                Write($"{jail}/etc/php.ini", i == 2 ? "doc_root = /html\n" + string.Concat(Enumerable.Range(0, 40_000).Select(n => $"; line {n}\nuser_ini.filename = \"x{n}\"\n"))
                    : i % 9 == 0 ? "doc_root = /html\n[broken\n" : $"doc_root = /html\ncgi.fix_pathinfo = {i % 3}\n");
                Write($"{jail}/cgi/php-wrapper", i % 13 == 0 ? "#!/bin/sh\n\0\0binary" : $"#!/bin/sh\nPHPRC=/etc\nexport PHPRC\nexec /usr/bin/php-cgi\n", "755");
                Write($"{jail}/html/index.php", "<?php\n");
            }
            Write("/usr/local/bin/php-wrapper", "#!/bin/sh\nPHPRC=/etc/php\nexport PHPRC\nexec /usr/bin/php-cgi\n", "755");
            Write("/usr/local/bin/other-wrapper", "#!/bin/sh\nPHPRC=/etc/php\nexport PHPRC\n/usr/bin/php-cgi\n", "755");
            Write("/etc/php/php.ini", "expose_php = On\n[oops\n");
            Write("/etc/apache2/apache2.conf", apache.ToString());
            Write("/etc/passwd", passwd.ToString());
            Write("/etc/group", "");
            Write("/etc/php/8.2/fpm/php-fpm.conf", pools.ToString());
        }
    }

    private static (List<string> Inputs, List<string> Read, List<string> Findings, List<string> Vhosts) Lint(TestHostTree tree)
    {
        var compilation = tree.Load();
        var inputs = compilation.Inputs.Select(i => i.GetType().Name + " " + (i as ConfLint.Syntax.Shell.WrapperModel)?.HostPath + (i as ConfLint.Syntax.Ini.PhpIniFile)?.HostPath).ToList();
        var vhosts = compilation.Inputs.OfType<HostModel>().Single().VirtualHosts.Select(v => $"{v.DisplayName} {v.Backends.Length} {v.Jail?.Root}").ToList();
        return (inputs, compilation.Diagnostics.Select(d => d.ToString()).ToList(), compilation.Analyze().Select(d => d.ToString()).ToList(), vhosts);
    }

    [Fact]
    public void A_php_ini_named_beside_the_host_is_the_one_every_vhost_of_either_thread_uses()
    {
        // The vhosts' files join the compilation while other vhosts are still being built: the php.ini files named on the
        // command line are gathered before, and each thread takes the named one instead of reading it again.
        using var tree = new SharedAndOwnFilesTree(150);
        OnTwoThreads(() =>
        {
            HostModelBuilder.MinScopesForSecondThread = 1;
            for (int run = 0; run < 5; run++)
            {
                var compilation = tree.Load("/etc/php/php.ini");
                var named = Assert.Single(compilation.Inputs.OfType<ConfLint.Syntax.Ini.PhpIniFile>(), f => f.HostPath == "/etc/php/php.ini");
                var users = compilation.InputsOf<HostModel>().Single().Backends.Where(b => b.IniFiles.Any(f => f.HostPath == "/etc/php/php.ini")).ToList();
                Assert.Equal(30, users.Count); // the sites without a jail of their own (i % 4 == 1, no PHP-FPM)
                Assert.All(users, b => Assert.Same(named, b.IniFiles.Single(f => f.HostPath == "/etc/php/php.ini")));
            }
        });
    }

    // Runs a test that sets MinScopesForSecondThread, with threads to spare in the pool, and puts both back. The second
    // thread is a pool thread: with the test runner's threads busy, the pool could start it only after the first had built
    // every vhost, and nothing would run on two threads.
    private static void OnTwoThreads(Action test)
    {
        var saved = HostModelBuilder.MinScopesForSecondThread;
        ThreadPool.GetMinThreads(out var workers, out var ports);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount + 4), ports);
        try { test(); }
        finally
        {
            HostModelBuilder.MinScopesForSecondThread = saved;
            ThreadPool.SetMinThreads(workers, ports);
        }
    }

    [Fact]
    public void Two_threads_build_the_model_one_builds()
    {
        using var tree = new SharedAndOwnFilesTree(150);
        OnTwoThreads(() =>
        {
            HostModelBuilder.MinScopesForSecondThread = int.MaxValue;
            var one = Lint(tree);
            HostModelBuilder.MinScopesForSecondThread = 1;
            var two = Lint(tree);

            Assert.Equal(one.Inputs, two.Inputs);
            Assert.Equal(one.Read, two.Read);
            Assert.Equal(one.Findings, two.Findings);
            Assert.Equal(one.Vhosts, two.Vhosts);
            Assert.Equal(150, two.Vhosts.Count);
            // The shared files were read once each, and the front ends did report while reading.
            Assert.Single(one.Inputs, i => i.EndsWith("/etc/php/php.ini", StringComparison.Ordinal));
            Assert.Single(one.Inputs, i => i.EndsWith("/usr/local/bin/php-wrapper", StringComparison.Ordinal));
            Assert.Contains(one.Read, d => d.Contains("CL0002"));
            Assert.Contains(one.Read, d => d.Contains("/etc/php/php.ini"));

            // And that order is the one of a single reader: site by site, its wrapper before the php.ini it leads to.
            var uses = Enumerable.Range(0, 150).Where(i => i % 5 != 4).SelectMany(i => i % 4 != 1
                ? new[] { $"/srv/www/site{i}/cgi/php-wrapper", $"/srv/www/site{i}/etc/php.ini" }
                : new[] { i % 8 == 1 ? "/usr/local/bin/php-wrapper" : "/usr/local/bin/other-wrapper", "/etc/php/php.ini" });
            var read = two.Inputs.Where(i => i.StartsWith("WrapperModel", StringComparison.Ordinal) || i.StartsWith("PhpIniFile", StringComparison.Ordinal))
                .Select(i => i[(i.IndexOf(' ') + 1)..]).ToList();
            Assert.Equal(uses.Distinct().Where(read.Contains), read);
            Assert.True(read.Count > 150);
            // The PHP-FPM configuration joins before the files of the vhosts, as the model reads it first.
            Assert.True(two.Inputs.FindIndex(i => i.StartsWith("FpmConfig", StringComparison.Ordinal)) is var fpmAt && fpmAt >= 0
                && fpmAt < two.Inputs.FindIndex(i => i.StartsWith("WrapperModel", StringComparison.Ordinal)));
            Assert.Contains(one.Findings, d => d.Contains("nobody-here"));
        });
    }
}
