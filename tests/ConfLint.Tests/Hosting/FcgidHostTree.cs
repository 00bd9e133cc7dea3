using ConfLint.Diagnostics;
using ConfLint.Hosting;

namespace ConfLint.Tests.Hosting;

/// <summary>A mod_fcgid host (engine-facts §2): suexec user, FilesMatch → fcgid-script, FcgidWrapper, a php-wrapper.</summary>
public sealed class FcgidHostTree : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("conflint-fcgid-").FullName;

    public FcgidHostTree(string vhostExtra = "", string wrapperEnvironment = "PHP_FCGI_MAX_REQUESTS=500\nexport PHP_FCGI_MAX_REQUESTS\n")
    {
        Write("/etc/apache2/apache2.conf", $$"""
            ServerRoot /etc/apache2
            <VirtualHost *:80>
                ServerName host.example.com
                DocumentRoot /var/www/host/html
                SuexecUserGroup web1 web1
            {{vhostExtra}}
                <Directory /var/www/host/html>
                    <FilesMatch "\.php$">
                        SetHandler fcgid-script
                    </FilesMatch>
                    FcgidWrapper /var/www/host/bin/php-wrapper .php
                </Directory>
            </VirtualHost>
            """);
        Write("/etc/passwd", "web1:x:2001:2001::/var/www/host:/bin/sh\n");
        Write("/etc/group", "web1:x:2001:\n");
        Write("/var/www/host/bin/php-wrapper", "#!/bin/sh\n" + wrapperEnvironment + "exec /usr/bin/php-cgi\n", "755");
    }

    public void Write(string hostPath, string text, string? octalMode = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Root + hostPath)!);
        File.WriteAllText(Root + hostPath, text);
        if (octalMode is not null) File.SetUnixFileMode(Root + hostPath, (UnixFileMode)Convert.ToInt32(octalMode, 8));
    }

    public IReadOnlyList<Diagnostic> Findings(string ruleId) => LintRunner.Run(new LintRequest
    {
        Paths = new[] { Root },
        Root = Root,
        Modules = new[] { "fcgid_module", "suexec_module" },
    }).Diagnostics.Where(d => d.Id == ruleId).ToList();

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>A mod_proxy_fcgi host with one chrooted PHP-FPM pool, as in corpus/_oracle-e2e-local/fpm-chroot.</summary>
public sealed class FpmHostTree : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("conflint-fpm-").FullName;

    public FpmHostTree(string vhostExtra = "", string socket = "/run/php/site1.sock", string poolExtra = "")
    {
        Write("/etc/apache2/apache2.conf", $$"""
            ServerRoot /etc/apache2
            <VirtualHost *:80>
                ServerName site1.example.com
                DocumentRoot /srv/jail/site1/html
            {{vhostExtra}}
                <FilesMatch "\.php$">
                    SetHandler "proxy:unix:{{socket}}|fcgi://localhost"
                </FilesMatch>
            </VirtualHost>
            """);
        Write("/etc/php/8.2/fpm/php-fpm.conf", $"""
            [global]
            pid = /run/php/php8.2-fpm.pid
            error_log = /var/log/php8.2-fpm.log

            [site1]
            user = site1
            group = site1
            listen = /run/php/site1.sock
            pm = ondemand
            pm.max_children = 5
            chroot = /srv/jail/site1
            chdir = /
            {poolExtra}
            """);
        Write("/etc/passwd", "site1:x:2001:2001::/srv/jail/site1:/usr/sbin/nologin\n");
        Write("/etc/group", "site1:x:2001:\n");
        Directory.CreateDirectory(Root + "/srv/jail/site1/html");
    }

    public void Write(string hostPath, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Root + hostPath)!);
        File.WriteAllText(Root + hostPath, text);
    }

    public IReadOnlyList<Diagnostic> Findings(string ruleId) => LintRunner.Run(new LintRequest
    {
        Paths = new[] { Root },
        Root = Root,
        Modules = new[] { "proxy_module", "proxy_fcgi_module" },
    }).Diagnostics.Where(d => d.Id == ruleId).ToList();

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
