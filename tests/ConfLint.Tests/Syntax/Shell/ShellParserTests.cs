using ConfLint.Syntax.Shell;
using ConfLint.Text;
using CsCheck;
using Xunit;

namespace ConfLint.Tests.Syntax.Shell;

public class ShellParserTests
{
    private static WrapperModel Model(string text, bool emptyEnvironment = true) =>
        WrapperModel.Build(ShellParser.Parse(SourceText.From(text, "/w")), emptyEnvironment ? new Dictionary<string, string>() : null);

    [Fact]
    public void SeedWrapperExportsChildrenAndExecsPhpFcgi()
    {
        var m = Model("#!/bin/sh\nPHP_FCGI_CHILDREN=3\nexport PHP_FCGI_CHILDREN\nexec /usr/bin/php-fcgi\n");
        Assert.Equal("/bin/sh", m.Interpreter);
        var v = m.Variable("PHP_FCGI_CHILDREN")!;
        Assert.Equal("3", v.Value);
        Assert.True(v.Exported);
        Assert.Equal(2, m.Source.GetLocation(v.Assignments[0].Span).Line);
        Assert.Equal(3, m.Source.GetLocation(v.Exports[0]).Line);
        Assert.True(m.Php!.ViaExec);
        Assert.Equal("/usr/bin/php-fcgi", m.Php.Program);
        Assert.Contains(m.Php.Environment, e => e.Name == "PHP_FCGI_CHILDREN" && e.Value == "3");
    }

    [Fact]
    public void PhpOptionsAreExposedWithSpans()
    {
        var text = "#!/bin/sh\nINI=/etc/php\nexec /usr/bin/php-cgi -c \"$INI/php.ini\" -d open_basedir=/www:/tmp -dexpose_php -n -b 127.0.0.1:9000 x.php -d ignored=1\n";
        var m = Model(text);
        var o = m.Php!.Options;
        Assert.Equal(5, o.Length);
        Assert.Equal("/etc/php/php.ini", m.Php.IniPath!.Value);
        Assert.Equal("-c \"$INI/php.ini\"", text.Substring(o[0].Span.Start, o[0].Span.Length));
        Assert.Equal(("open_basedir", "/www:/tmp"), (o[1].Key, o[1].Value));
        Assert.Equal(("expose_php", "1"), (o[2].Key, o[2].Value));
        Assert.True(m.Php.NoIni);
        Assert.Equal("127.0.0.1:9000", o[4].Value);
    }

    [Fact]
    public void PrefixAssignmentsReachOnlyTheCommand()
    {
        var m = Model("#!/bin/sh\nA=1 B=\"two words\" exec php-cgi8.2\n");
        Assert.Equal(new[] { ("A", "1"), ("B", "two words") }, m.Php!.Environment.Select(e => (e.Name, e.Value!)).ToArray());
        Assert.Empty(m.Variables);
    }

    [Fact]
    public void CompoundCommandsAreOpaqueAndKeepTheirSpans()
    {
        var text = "#!/bin/sh\nif [ -x /usr/bin/php-cgi ]; then\n  X=1\nfi\nf() { echo hi; }\nls | wc -l\nPHPRC=$(dirname \"$0\")\nexec php-cgi\n";
        var script = ShellParser.Parse(SourceText.From(text));
        var opaque = script.OpaqueCommands.ToList();
        Assert.Equal(new[] { "if statement", "function definition", "pipeline" }, opaque.Select(o => o.Reason));
        Assert.Equal("if [ -x /usr/bin/php-cgi ]; then\n  X=1\nfi", opaque[0].Text);
        var m = WrapperModel.Build(script);
        Assert.Null(m.Variable("X"));
        Assert.Null(m.Variable("PHPRC")!.Value);
        Assert.Equal("php-cgi", m.Php!.Program);
    }

    [Fact]
    public void QuotingEscapesAndContinuationsFollowPosix()
    {
        var m = Model("#!/bin/sh\nA='$x \\n'\nB=\"a\\$b\\\"c\\\\d\\e${A}\"\nC=one\\ two\\\nthree\nD=$C$A\nexport A B C D\nexec php-cgi\n");
        Assert.Equal("$x \\n", m.Variable("A")!.Value);
        Assert.Equal("a$b\"c\\d\\e$x \\n", m.Variable("B")!.Value);
        Assert.Equal("one twothree", m.Variable("C")!.Value);
        Assert.Equal("one twothree$x \\n", m.Variable("D")!.Value);
    }

    [Fact]
    public void RunningPhpWithoutExecIsRecorded()
    {
        var m = Model("#!/bin/sh\n/usr/bin/php-cgi \"$@\"\necho done\n");
        Assert.False(m.Php!.ViaExec);
        Assert.Single(m.PhpRunsWithoutExec);
    }

    [Fact]
    public void UnterminatedQuoteIsAnErrorNotAnException()
    {
        var s = ShellParser.Parse(SourceText.From("#!/bin/sh\nA=\"abc\nexec php-cgi\n"));
        Assert.Single(s.Errors);
    }

    [Fact]
    public void NoInputMakesTheShellParserThrow()
    {
        var chars = Gen.OneOfConst('a', 'Z', '_', '=', ' ', '\t', '\n', '\r', '\\', '\'', '"', '$', '{', '}', '(', ')', '`', ';', '&', '|', '<', '>', '#', '!', '-', '1', '/', 'e', 'x', 'c');
        var words = Gen.OneOfConst("exec ", "export ", "readonly ", "unset ", "set -a", "if ", "then ", "fi", "case ", "esac", "in ", "do ", "done", "<<EOF\n", "EOF\n", "php-cgi ", "-d ", "-c", "f() ", "$(", "${");
        var gen = Gen.OneOf(chars.Select(c => c.ToString()), words).Array[0, 60].Select(parts => string.Concat(parts));
        gen.Sample(text =>
        {
            var script = ShellParser.Parse(SourceText.From(text));
            var model = WrapperModel.Build(script);
            foreach (var node in script.Nodes) Assert.True(node.Span.End <= text.Length);
            Assert.True(model.Variables.Length >= 0);
        }, iter: 20000);
    }
}
