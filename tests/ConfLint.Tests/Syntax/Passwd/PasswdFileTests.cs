using ConfLint.Syntax.Passwd;
using ConfLint.Text;
using CsCheck;
using Xunit;

namespace ConfLint.Tests.Syntax.Passwd;

public class PasswdFileTests
{
    [Fact]
    public void SeedUserIsJailedAtThePartBeforeDotSlash()
    {
        var text = "root:x:0:0:root:/root:/bin/bash\ndomain_admin:x:1007:1007:USER NAME:/www/h/o/host.example.com/./home/domain_admin:/bin/bash\n";
        var file = PasswdFile.Parse(SourceText.From(text, "/etc/passwd"));
        Assert.Empty(file.Problems);
        var u = file.FindUser("domain_admin")!;
        Assert.Equal((1007L, 1007L), (u.Uid!.Value, u.Gid!.Value));
        Assert.Equal("/www/h/o/host.example.com", u.JailRoot);
        Assert.Equal("/home/domain_admin", u.HomeInJail);
        Assert.Equal("/www/h/o/host.example.com", text.Substring(u.JailRootSpan!.Value.Start, u.JailRootSpan.Value.Length));
        Assert.Equal("USER NAME", text.Substring(u.Gecos.Span.Start, u.Gecos.Span.Length));
        Assert.Null(file.FindUser("root")!.JailRoot);
        Assert.Equal("/root", file.FindUser("root")!.HomeInJail);
    }

    [Fact]
    public void JailAtTheRootAndHomeOfOnlyDot()
    {
        var file = PasswdFile.Parse(SourceText.From("a:x:1000:1000::/./home/a:/bin/sh\nb:x:1001:1001::/srv/j/./:/bin/sh\n"));
        Assert.Equal(("/", "/home/a"), (file.Entries[0].JailRoot, file.Entries[0].HomeInJail));
        Assert.Equal(("/srv/j", "/"), (file.Entries[1].JailRoot, file.Entries[1].HomeInJail));
    }

    [Fact]
    public void MalformedLinesAreFactsWithLocations()
    {
        var text = "# comment\n\ngood:x:1:1::/h:/bin/sh\nshort:x:2:2\nbad:x:abc:3::/h:/bin/sh\n:x:4:4::/h:/bin/sh\nextra:x:5:5::/h:/bin/sh:more\n";
        var file = PasswdFile.Parse(SourceText.From(text));
        Assert.Equal(5, file.Entries.Length);
        Assert.Equal(new[] { 4, 5, 6, 7 }, file.Problems.Select(p => p.Line).Distinct());
        Assert.NotNull(file.FindUser("short"));
        Assert.Null(file.FindUser("bad"));
        Assert.Contains(file.ProblemsOf("bad"), p => p.Message.Contains("not a decimal number"));
        Assert.Equal("/bin/sh:more", file.FindUser("extra")!.Shell.Text);
        var uidProblem = file.Problems.Single(p => p.Line == 5);
        Assert.Equal("abc", text.Substring(uidProblem.Span.Start, uidProblem.Span.Length));
    }

    [Fact]
    public void GroupMembersHaveSpans()
    {
        var text = "www-data:x:33:\nsite:x:1007:domain_admin,www-data\nbroken:x:x:\n";
        var file = GroupFile.Parse(SourceText.From(text));
        var site = file.FindGroup("site")!;
        Assert.Equal(1007, site.Gid);
        Assert.Equal(new[] { "domain_admin", "www-data" }, site.Members.Select(m => m.Text));
        Assert.Equal("www-data", text.Substring(site.Members[1].Span.Start, site.Members[1].Span.Length));
        Assert.Empty(file.FindGroup("www-data")!.Members);
        Assert.Null(file.FindGroup("broken"));
        Assert.Single(file.Problems);
    }

    [Fact]
    public void NoInputMakesPasswdOrGroupParsingThrow()
    {
        Gen.OneOfConst(':', 'a', '0', '9', '/', '.', '\n', '\r', ' ', '#', ',', '\t', 'x').Array[0, 80].Sample(chars =>
        {
            var text = new string(chars);
            var p = PasswdFile.Parse(SourceText.From(text));
            var g = GroupFile.Parse(SourceText.From(text));
            foreach (var e in p.Entries) Assert.True(e.Shell.Span.End <= text.Length && e.HomeInJail.Length >= 0);
            foreach (var e in g.Entries) Assert.True(e.MembersField.Span.End <= text.Length);
        }, iter: 20000);
    }
}
