using ConfLint.Hosting;
using ConfLint.Syntax.Shell;
using Xunit;

namespace ConfLint.Tests.Hosting;

public sealed class WrapperFrontEndTests : IDisposable
{
    private readonly TempHostTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Wrappers_with_the_same_text_share_one_parse_and_keep_their_own_places_and_modes()
    {
        const string script = "#!/bin/sh\nPHPRC=/etc/\nexport PHPRC\nexport PHP_FCGI_CHILDREN=3\nexec /usr/bin/php-fcgi\n";
        _tree.Write("/srv/a/cgi/php-wrapper", script, (UnixFileMode)Convert.ToInt32("755", 8));
        _tree.Write("/srv/b/cgi/php-wrapper", script, (UnixFileMode)Convert.ToInt32("644", 8));
        var compilation = new Compilation(new HostFileSystem(_tree.Root));
        var request = new LintRequest { Root = _tree.Root };
        new WrapperFrontEnd().Load(compilation, "/srv/a/cgi/php-wrapper", request);
        new WrapperFrontEnd().Load(compilation, "/srv/b/cgi/php-wrapper", request);

        var (a, b) = (compilation.InputsOf<WrapperModel>().First(), compilation.InputsOf<WrapperModel>().Last());
        Assert.Equal("/srv/a/cgi/php-wrapper", a.HostPath);
        Assert.Equal("/srv/b/cgi/php-wrapper", b.HostPath);
        Assert.Equal(Convert.ToInt32("755", 8), a.UnixMode);
        Assert.Equal(Convert.ToInt32("644", 8), b.UnixMode);
        Assert.Equal("/usr/bin/php-fcgi", b.Php?.Program);
        Assert.Equal("/srv/b/cgi/php-wrapper", b.GetLocation(b.Php!.ProgramWord.Span).HostPath);
        Assert.Equal("/srv/a/cgi/php-wrapper", a.GetLocation(a.Php!.ProgramWord.Span).HostPath);
        Assert.Equal(a.GetLocation(a.Php.ProgramWord.Span).Line, b.GetLocation(b.Php.ProgramWord.Span).Line);
        // One parse and one model of it: the two files share what the script says, not where it is.
        Assert.Same(a.Script.Nodes[0], b.Script.Nodes[0]);
        Assert.Same(a.Php, b.Php);
        Assert.Equal(a.Variables, b.Variables);
        Assert.Equal("/srv/b/cgi/php-wrapper", b.Script.Source.HostPath);
        Assert.Equal("/srv/b/cgi/php-wrapper", b.GetLocation(b.Variable("PHP_FCGI_CHILDREN")!.LastAssignment!.Span).HostPath);
    }
}
