using ConfLint.Hosting;
using ConfLint.Text;
using Xunit;

namespace ConfLint.Tests.Hosting;

public class FpmWrapperPasswdRecognitionTests
{
    [Theory]
    [InlineData("/www/h/o/host/cgi/php-wrapper", "#!/bin/sh\nexec /usr/bin/php-fcgi\n", 2)]
    [InlineData("/www/h/o/host/cgi/php5-wrapper", "PHP_FCGI_CHILDREN=3\n", 2)]
    [InlineData("/var/www/fcgi/site.fcgi", "#!/bin/sh\nexec php-cgi\n", 2)]
    [InlineData("/usr/local/bin/start-php", "#!/bin/sh\nexport PHPRC=/etc\nexec /usr/bin/php-cgi8.2 -c /etc/php.ini\n", 1)]
    [InlineData("/usr/local/bin/backup", "#!/bin/sh\ntar czf /b.tgz /www\n", 0)]
    public void Wrapper(string path, string text, int expected) =>
        Assert.Equal(expected, new WrapperFrontEnd().Recognize(path, SourceText.From(text, path)));

    [Theory]
    [InlineData("/etc/php/8.2/fpm/php-fpm.conf", "[global]\n", 2)]
    [InlineData("/etc/php/8.2/fpm/pool.d/site.conf", "[site]\n", 2)]
    [InlineData("/srv/conf/site1.conf", "[site1]\nuser = a\nlisten = /run/a.sock\npm = static\n", 1)]
    [InlineData("/etc/apache2/sites-available/site.conf", "<VirtualHost *:80>\nServerName a\n</VirtualHost>\n", 0)]
    public void Fpm(string path, string text, int expected) =>
        Assert.Equal(expected, new FpmFrontEnd().Recognize(path, SourceText.From(text, path)));

    [Theory]
    [InlineData("/etc/passwd", "", 2, 0)]
    [InlineData("/etc/group", "", 0, 2)]
    [InlineData("/backup/users.txt", "root:x:0:0:root:/root:/bin/bash\na:x:1000:1000::/home/a:/bin/sh\n", 1, 0)]
    [InlineData("/backup/groups.txt", "root:x:0:\nsite:x:1007:a,b\n", 0, 1)]
    public void PasswdAndGroup(string path, string text, int passwd, int group)
    {
        Assert.Equal(passwd, new PasswdFrontEnd().Recognize(path, SourceText.From(text, path)));
        Assert.Equal(group, new GroupFrontEnd().Recognize(path, SourceText.From(text, path)));
    }
}
