using System.Text.RegularExpressions;
using ConfLint.Hosting;
using ConfLint.Hosting.Model;
using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests.Differential;

/// <summary>
/// The vhosts of the hosting model (`conflint model`) equal the ones `apache2ctl -S`
/// (`apache2 -t -D DUMP_VHOSTS`) lists: the same files and lines, and the same names where a
/// vhost sets ServerName; vhosts in inactive conditionals are in neither list.
/// </summary>
public class ModelVirtualHostsDifferentialTests
{
    // "*:80   host.example.com (/etc/…/x.conf:1)" (one vhost on an address) or
    // "         port 80 namevhost a.example.com (/etc/…/x.conf:1)" (name-based).
    private static readonly Regex VhostLine = new(@"^(?:\S+\s+|\s+port \d+ namevhost )(\S+) \((.+):(\d+)\)$", RegexOptions.Multiline);

    public static TheoryData<string> Trees() => new() { "faq-chroot/fixed", "debian-all", "generated" };

    [SkippableTheory]
    [MemberData(nameof(Trees))]
    public void Model_vhosts_equal_apache2ctl_S(string name)
    {
        ApacheOracle.Require();
        ApacheOracle.RequireNssWrapper();
        using var setup = name switch
        {
            "generated" => Generated(),
            "debian-all" => ApacheTrees.DebianAll(),
            _ => ApacheTrees.Example(name),
        };
        var outcome = ApacheOracle.Check(setup.ToCheck() with { Defines = setup.Defines.Append("DUMP_VHOSTS").ToList() });
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        var httpd = VhostLine.Matches(outcome.Stderr)
            .Select(m => (File: setup.Tree.DisplayPath(m.Groups[2].Value), Line: int.Parse(m.Groups[3].Value), Name: m.Groups[1].Value))
            .ToHashSet();

        var model = LintRunner.Load(setup.ToLintRequest(), out _).InputsOf<HostModel>().Single();
        var vhosts = model.VirtualHosts.Where(v => v.Section is not null).ToList();
        var ours = vhosts.Select(v => (File: setup.Tree.DisplayPath(v.Location.HostPath), v.Location.Line)).ToHashSet();
        Assert.Equal(httpd.Select(h => (h.File, h.Line)).ToHashSet().OrderBy(x => x.ToString()), ours.OrderBy(x => x.ToString()));
        foreach (var vhost in vhosts.Where(v => v.ServerName is not null))
            Assert.Contains(httpd, h => h.File == setup.Tree.DisplayPath(vhost.Location.HostPath) && h.Line == vhost.Location.Line && h.Name == vhost.ServerName!.Value);
    }

    // Name-based and IP-based vhosts, two addresses on one vhost, aliases, and vhosts inside
    // active and inactive conditionals, across included files.
    private static ApacheSetup Generated()
    {
        var tree = HostTree.Create("vhosts");
        tree.Write("/etc/apache2/apache2.conf", """
            ServerName localhost
            Listen 127.0.0.1:8091
            Listen 127.0.0.1:8092
            LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
            LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
            PidFile /tmp/conflint-vhosts.pid
            ErrorLog /dev/null
            Define WITH_B
            Include vhosts/*.conf
            """);
        tree.Write("/etc/apache2/vhosts/a.conf", """
            <VirtualHost 127.0.0.1:8091>
                ServerName a.example.com
                ServerAlias www.a.example.com
            </VirtualHost>
            <VirtualHost 127.0.0.1:8091>
                ServerName b.example.com
            </VirtualHost>
            """);
        tree.Write("/etc/apache2/vhosts/b.conf", """
            <IfDefine WITH_B>
            <VirtualHost 127.0.0.1:8092 127.0.0.1:8091>
                ServerName c.example.com
            </VirtualHost>
            </IfDefine>
            <IfModule mod_nothing.c>
            <VirtualHost 127.0.0.1:8092>
                ServerName never.example.com
            </VirtualHost>
            </IfModule>
            <VirtualHost 127.0.0.1:8092>
                ServerName d.example.com
            </VirtualHost>
            """);
        return new ApacheSetup("generated vhosts", tree, "/etc/apache2/apache2.conf", "/etc/apache2");
    }
}
