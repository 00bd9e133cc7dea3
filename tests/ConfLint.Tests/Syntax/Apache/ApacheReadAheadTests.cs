using ConfLint.Syntax.Apache;
using Xunit;

namespace ConfLint.Tests.Syntax.Apache;

/// <summary>
/// The files of a wildcard Include read ahead on another thread build the same configuration, and
/// report the same read errors at the same Include, as files read one by one.
/// </summary>
// The threshold is process-wide: tests running meanwhile may read ahead too, which by design changes nothing they see.
public sealed class ApacheReadAheadTests
{
    private static ApacheTestTree ManySites()
    {
        var tree = new ApacheTestTree().File("/etc/apache2/apache2.conf", """
            ServerRoot /etc/apache2
            Define SITE_ROOT /srv/www
            IncludeOptional sites-enabled/*.conf
            """);
        for (int i = 0; i < 120; i++)
        {
            var body = i switch
            {
                7 => "<VirtualHost *:80>\n    ServerName unclosed.example.com\n",               // never closed
                11 => "<VirtualHost *:80>\n    ServerName ${UNDEFINED_NAME}\n</VirtualHost>\n", // undefined variable
                13 => "Include /etc/apache2/missing.conf\n",                                    // a nested Include that fails
                _ => $"<VirtualHost *:80>\n    ServerName site{i}.example.com\n    DocumentRoot ${{SITE_ROOT}}/site{i}\n</VirtualHost>\n",
            };
            tree.File($"/etc/apache2/sites-enabled/site{i:D3}.conf", body);
        }
        tree.File("/etc/apache2/sites-enabled/binary.conf", "ServerName x\0y\n"); // CL0002
        tree.Dir("/etc/apache2/sites-enabled/directory.conf");                   // a directory: its files are read
        tree.File("/etc/apache2/sites-enabled/directory.conf/inner.conf", "ServerAdmin inner@example.com\n");
        return tree;
    }

    private static string Describe(ApacheTestTree tree)
    {
        var config = tree.Load();
        var findings = tree.Lint().Select(d => d.ToString());
        return ApacheDump.ToText(config) + "\n" + string.Join("\n", config.Files.Select(f => f.HostPath)) + "\n" + string.Join("\n", findings);
    }

    [Fact]
    public void Read_ahead_builds_what_reading_one_by_one_builds()
    {
        using var tree = ManySites();
        int saved = ApacheLoader.MinFilesToReadAhead;
        try
        {
            ApacheLoader.MinFilesToReadAhead = int.MaxValue;
            var oneByOne = Describe(tree);
            ApacheLoader.MinFilesToReadAhead = 2;
            var ahead = Describe(tree);
            Assert.Equal(oneByOne, ahead);
            Assert.Contains("CL0002", ahead);
            Assert.Contains("inner.conf", ahead);
            Assert.Contains("site119.example.com", ahead);
        }
        finally
        {
            ApacheLoader.MinFilesToReadAhead = saved;
        }
    }
}
