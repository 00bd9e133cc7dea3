namespace ConfLint.Tests.Hosting;

/// <summary>
/// A host tree in a temp folder, laid out as the seed's setup (FAQ II–III): one mod_fastcgi vhost
/// with SuexecUserGroup, a /./ jail, a php-wrapper and a php.ini with doc_root and
/// cgi.fix_pathinfo = 0. Tests change one file to plant one defect and lint the tree as a host.
/// </summary>
public sealed class SeedHostTree : TestHostTree
{
    public const string Jail = "/www/h/o/host.example.com";

    public static readonly string[] Modules = { "fastcgi_module", "actions_module", "alias_module", "mime_module", "suexec_module" };

    public SeedHostTree(bool fastCgiWrapper = true)
        : base("conflint-host-", Modules)
    {
        Write("/etc/apache2/apache2.conf", $$"""
            ServerRoot /etc/apache2
            {{(fastCgiWrapper ? "FastCgiWrapper /usr/local/apache2/bin/suexec-fcgi" : "")}}
            IncludeOptional sites-enabled/*.conf
            """);
        Write("/etc/apache2/sites-enabled/host.conf", Vhost("host.example.com", "domain_admin", Jail + "/html"));
        Write("/etc/passwd", $"root:x:0:0:root:/root:/bin/bash\ndomain_admin:x:1007:1007:Domain Admin:{Jail}/./home/domain_admin:/bin/bash\n");
        Write("/etc/group", "root:x:0:\ndomain_admin:x:1007:\n");
        Write(Jail + "/cgi/php-wrapper", "#!/bin/sh\nPHPRC=/etc\nexport PHPRC\nPHP_FCGI_CHILDREN=3\nexport PHP_FCGI_CHILDREN\nexec /usr/bin/php-fcgi\n", "755");
        Write(Jail + "/usr/bin/php-fcgi", "(the php-cgi binary)\n", "755");
        Write(Jail + "/bin/sh", "(the shell)\n", "755");
        Write(Jail + "/etc/php.ini", "doc_root = \"/html\"\ncgi.fix_pathinfo = 0\n");
        Write("/usr/local/apache2/bin/suexec-fcgi", "(the chrooting FastCGI wrapper)\n", "4755");
        Directory.CreateDirectory(Real(Jail + "/html"));
    }

    public static string Vhost(string name, string user, string documentRoot, string jail = Jail) => $"""
        <VirtualHost *:80>
            ServerName {name}
            DocumentRoot {documentRoot}
            SuexecUserGroup {user} {user}
            ScriptAlias /cgi/ {jail}/cgi/
            AddHandler php-fastcgi .php
            Action php-fastcgi /cgi/php-wrapper
            <Location /cgi/php-wrapper>
                SetHandler fastcgi-script
            </Location>
        </VirtualHost>
        """;
}
