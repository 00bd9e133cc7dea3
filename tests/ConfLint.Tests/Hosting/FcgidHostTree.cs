namespace ConfLint.Tests.Hosting;

/// <summary>A mod_fcgid host (engine-facts §2): suexec user, FilesMatch → fcgid-script, FcgidWrapper, a php-wrapper.</summary>
public sealed class FcgidHostTree : TestHostTree
{
    public FcgidHostTree(string vhostExtra = "", string wrapperEnvironment = "PHP_FCGI_MAX_REQUESTS=500\nexport PHP_FCGI_MAX_REQUESTS\n")
        : base("conflint-fcgid-", "fcgid_module", "suexec_module")
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
}

/// <summary>A mod_proxy_fcgi host with one chrooted PHP-FPM pool, as in corpus/_oracle-e2e-local/fpm-chroot.</summary>
public sealed class FpmHostTree : TestHostTree
{
    public FpmHostTree(string vhostExtra = "", string socket = "/run/php/site1.sock", string poolExtra = "")
        : base("conflint-fpm-", "proxy_module", "proxy_fcgi_module")
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
}
