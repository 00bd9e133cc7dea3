using ConfLint.Hosting;
using Xunit;

namespace ConfLint.Tests.Hosting;

/// <summary>
/// passwd, group and PHP-FPM's configuration are read on another thread while the Apache configuration is read
/// (HostFilesAhead). What the model then joins must be what it would have read itself: in particular a passwd file
/// named on the command line wins over /etc/passwd, also for the PHP-FPM pools' users.
/// </summary>
public sealed class HostFilesAheadTests : TestHostTree
{
    public HostFilesAheadTests() : base("conflint-ahead")
    {
        Write("/etc/apache2/apache2.conf", "ServerName host.example\n");
        Write("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
        Write("/etc/group", "root:x:0:\n");
        Write("/etc/php/8.2/fpm/php-fpm.conf", "[global]\npid = /run/php/php8.2-fpm.pid\ninclude = /etc/php/8.2/fpm/pool.d/*.conf\n");
        Write("/etc/php/8.2/fpm/pool.d/alice.conf", "[alice]\nuser = alice\ngroup = root\nlisten = /run/php/alice.sock\npm = static\npm.max_children = 1\n");
        Write("/backup/users", "root:x:0:0:root:/root:/bin/sh\nalice:x:1001:0::/home/alice:/bin/sh\n");
    }

    private IReadOnlyList<string> UnknownUsers(params string[] paths) =>
        LintRunner.Run(new LintRequest { Paths = paths, Root = Root, Hosting = ConfLint.Hosting.Model.HostingOptions.Default })
            .Diagnostics.Where(d => d.Id == "CL4013" && d.Message.Contains("user 'alice'")).Select(d => d.Message).ToList();

    [Fact]
    public void Pool_users_are_checked_against_etc_passwd()
    {
        // The pool's user is missing from /etc/passwd: that is what the model and the pools were read against.
        Assert.Single(UnknownUsers(Root));
    }

    [Fact]
    public void A_passwd_file_named_on_the_command_line_wins_over_the_one_read_ahead()
    {
        // Named after the host: it is read while, or after, /etc/passwd is read ahead, and the pools must see its users.
        Assert.Empty(UnknownUsers(Root, Real("/backup/users")));
        var model = LintRunner.Load(new LintRequest { Paths = new[] { Root, Real("/backup/users") }, Root = Root }, out _)
            .InputsOf<ConfLint.Hosting.Model.HostModel>().Single();
        Assert.NotNull(model.Passwd?.FindUser("alice"));
    }

    [Fact]
    public void The_files_read_ahead_join_the_compilation_once_and_in_the_model_s_order()
    {
        var compilation = LintRunner.Load(new LintRequest { Paths = new[] { Root }, Root = Root }, out _);
        var paths = compilation.Sources.Select(s => s.HostPath).ToList();
        Assert.Equal(paths.Distinct().Count(), paths.Count);
        int apache = paths.IndexOf("/etc/apache2/apache2.conf"), passwd = paths.IndexOf("/etc/passwd"),
            group = paths.IndexOf("/etc/group"), fpm = paths.IndexOf("/etc/php/8.2/fpm/php-fpm.conf"), pool = paths.IndexOf("/etc/php/8.2/fpm/pool.d/alice.conf");
        Assert.True(apache < passwd && passwd < group && group < fpm && fpm < pool, string.Join(", ", paths));
    }
}
