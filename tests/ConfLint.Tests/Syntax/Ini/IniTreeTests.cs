using ConfLint.Hosting;
using ConfLint.Syntax.Ini;
using ConfLint.Text;
using Xunit;

namespace ConfLint.Tests.Syntax.Ini;

/// <summary>The tree's spans, value forms, scopes and references.</summary>
public sealed class IniTreeTests
{
    private static string Slice(IniDocument d, TextSpan span) => d.Text.ToString(span);

    [Fact]
    public void Entries_keep_exact_spans_for_key_offset_and_value()
    {
        var d = IniDocument.Parse("[PHP]\n  memory_limit = \"128M\" ; note\nx[ k ] = a|b\n");
        var section = Assert.Single(d.Sections);
        Assert.Equal("[PHP]", Slice(d, section.Span));
        Assert.Equal("PHP", Slice(d, section.NameSpan));
        var entries = d.Entries.ToList();
        Assert.Equal("memory_limit", Slice(d, entries[0].KeySpan));
        Assert.Equal("\"128M\"", Slice(d, entries[0].Value!.Span));
        Assert.Equal("128M", entries[0].Value!.Text);
        Assert.Equal("k ", entries[1].Offset);
        Assert.Equal("a|b", entries[1].Value!.SourceText);
        Assert.Equal(IniValueForm.Expression, entries[1].Value!.Form);
        Assert.Equal("0", entries[1].Value!.Text);
    }

    [Fact]
    public void Booleans_null_and_constants_are_exposed()
    {
        var d = IniDocument.Parse("a = On\nb = none\nc = null\nd = E_ALL\ne = NOT_A_CONSTANT\n");
        var v = d.Entries.Select(e => e.Value!).ToList();
        Assert.Equal(("1", IniValueForm.Boolean), (v[0].Text, v[0].Form));
        Assert.Equal(("", IniValueForm.Boolean), (v[1].Text, v[1].Form));
        Assert.Equal(("", IniValueForm.Null), (v[2].Text, v[2].Form));
        Assert.Equal("32767", v[3].Text);
        Assert.True(Assert.Single(v[3].Constants).Known);
        Assert.Equal("NOT_A_CONSTANT", v[4].Text);
        Assert.False(Assert.Single(v[4].Constants).Known);
    }

    [Fact]
    public void Variables_resolve_by_mode()
    {
        const string text = "a = 1\nb = ${a}\nc = ${ENVONLY}\n";
        var env = new IniParseOptions { Environment = n => n == "ENVONLY" ? "e" : null };
        var runtime = IniDocument.Parse(text, env);
        var startup = IniDocument.Parse(text, env with { Variables = IniVariableResolution.LoadedEntriesThenEnvironment });
        Assert.Equal(IniVariableSource.Undefined, runtime.Entries.ElementAt(1).Value!.Variables.Single().Source);
        Assert.Equal("", runtime.Entries.ElementAt(1).Value!.Text);
        Assert.Equal(IniVariableSource.Entry, startup.Entries.ElementAt(1).Value!.Variables.Single().Source);
        Assert.Equal("1", startup.Entries.ElementAt(1).Value!.Text);
        Assert.Equal("e", startup.Entries.ElementAt(2).Value!.Text);
        Assert.Equal("${a}", Slice(startup, startup.Entries.ElementAt(1).Value!.Variables.Single().Span));
    }

    [Fact]
    public void Path_scope_survives_an_ordinary_section_and_extension_loads_are_marked()
    {
        var d = IniDocument.Parse("extension=a\n[PATH=/www/x/]\nmemory_limit=1G\nextension=b\n[PHP]\nexpose_php=Off\nextension=c\n");
        var e = d.Entries.ToList();
        Assert.True(e[0].LoadsExtension);
        Assert.Null(e[0].PerDirectoryScope);
        Assert.Equal("/www/x", e[1].PerDirectoryScope!.PerDirectoryKey);
        Assert.False(e[2].LoadsExtension);
        Assert.Equal("PHP", e[3].Section!.Name);
        Assert.Equal("PATH=/www/x/", e[3].PerDirectoryScope!.Name);
        Assert.True(e[4].LoadsExtension);
    }

    [Fact]
    public void Syntax_error_keeps_earlier_entries_and_marks_the_rest_dropped()
    {
        var d = IniDocument.Parse("a = 1\nb = (2\nc = 3\n");
        Assert.Equal(new[] { "a" }, d.Entries.Select(e => e.Key));
        var error = d.Error!;
        Assert.Equal("syntax error, unexpected END_OF_LINE, expecting '^' or '|' or '&' or ')'", error.Message);
        Assert.Equal(3, error.PhpLine);
        Assert.Equal("b = (2\nc = 3\n", Slice(d, error.DroppedSpan));
        Assert.Equal("false", IniDump.ToJson(d));
    }

    [Fact]
    public void Raw_mode_keeps_text_and_strips_one_pair_of_quotes()
    {
        var d = IniDocument.Parse("a = \"x;y\" ; c\nb = E_ALL & ~E_NOTICE\n", IniParseOptions.RawMode);
        Assert.Equal(new[] { "x;y", "E_ALL & ~E_NOTICE" }, d.Entries.Select(e => e.Value!.Text));
        Assert.Equal(IniValueForm.Raw, d.Entries.First().Value!.Form);
    }

    [Fact]
    public void Dump_writes_lists_and_objects_like_json_encode()
    {
        Assert.Equal("[]", IniDump.ToJson(IniDocument.Parse("; nothing\n")));
        Assert.Equal("{\"a\":[\"1\",\"2\"],\"5\":{\"x\":\"y\"}}", IniDump.ToJson(IniDocument.Parse("a[]=1\na[]=2\n[5]\nx=y\n")));
        Assert.Equal("[\"z\"]", IniDump.ToJson(IniDocument.Parse("0 = z\n")));
    }

    [Theory]
    [InlineData("/etc/php/8.2/cgi/php.ini", "", 2)]
    [InlineData("/www/h/o/host.example.com/etc/php.ini", "", 2)]
    [InlineData("/etc/php/8.2/cgi/conf.d/20-mysqli.ini", "", 2)]
    [InlineData("/srv/site/.user.ini", "", 2)]
    [InlineData("/opt/php-cgi-fcgi.ini", "", 2)]
    [InlineData("/usr/local/php5/lib/custom.ini", "", 2)]
    [InlineData("/var/www/phpmyadmin/config.ini", "[x]\nname = value\n", 0)]
    [InlineData("/tmp/custom.cfg", "memory_limit = 1G\ndisplay_errors = Off\n", 1)]
    [InlineData("/tmp/custom.cfg", "listen = 127.0.0.1:9000\npm = dynamic\n", 0)]
    [InlineData("/tmp/httpd.conf", "<IfModule x>\nServerName a\n</IfModule>\n", 0)]
    public void Front_end_recognises_php_ini_by_name_and_content(string path, string content, int expected)
    {
        Assert.Equal(expected, new PhpIniFrontEnd().Recognize(path, SourceText.From(content, path)));
    }

    [Fact]
    public void Files_with_the_same_text_share_one_parse_and_keep_their_own_places()
    {
        const string text = "doc_root = \"/html\"\n[PATH=/html/admin]\nengine = Off\ncgi.fix_pathinfo = 0\nbroken = (\n";
        var first = SourceText.From(text, "/srv/a/etc/php.ini", "/srv/a/etc/php.ini");
        var second = SourceText.From(string.Concat(text.AsSpan(0, 3), text.AsSpan(3)), "/srv/b/etc/php.ini", "/srv/b/etc/php.ini");
        var firstBag = new ConfLint.Diagnostics.DiagnosticBag();
        var secondBag = new ConfLint.Diagnostics.DiagnosticBag();

        var a = PhpIniFrontEnd.Read(first, ConfLint.Syntax.Ini.PhpIniRole.Main, firstBag);
        var b = PhpIniFrontEnd.Read(second, ConfLint.Syntax.Ini.PhpIniRole.Main, secondBag);

        Assert.Equal(a.Document.Statements, b.Document.Statements); // one parse: the very same statements
        Assert.True(a.Document.Statements.Zip(b.Document.Statements).All(p => ReferenceEquals(p.First, p.Second)));
        Assert.Same(second, b.Document.Text);
        var entry = b.Document.Entries.First(e => e.Key == "engine");
        Assert.Equal("/srv/b/etc/php.ini", b.Document.GetLocation(entry.KeySpan).Path);
        Assert.Equal("/srv/a/etc/php.ini", Assert.Single(firstBag).Location.Path);   // the syntax error, in each file
        Assert.Equal("/srv/b/etc/php.ini", Assert.Single(secondBag).Location.Path);
        Assert.Equal(firstBag.Single().Location.Line, secondBag.Single().Location.Line);
        // What PHP keeps of each directive is worked out once: the same entries, each file's own place.
        Assert.Same(a.EffectiveEntry("doc_root"), b.EffectiveEntry("doc_root"));
        Assert.Null(b.EffectiveEntry("engine")); // only in [PATH=…]
        Assert.Null(b.EffectiveEntry("cgi.fix_pathinfo"));
        Assert.Equal("/srv/b/etc/php.ini", b.Document.GetLocation(b.EffectiveEntry("doc_root")!.KeySpan).Path);
        Assert.Equal("/srv/a/etc/php.ini", a.Document.GetLocation(a.EffectiveEntry("doc_root")!.KeySpan).Path);
    }

    [Fact]
    public void The_entry_php_keeps_is_the_last_global_one()
    {
        var file = PhpIniFrontEnd.Read(SourceText.From("a = 1\na = 3\nb[] = 4\nextension = foo.so\n[PATH=/x]\na = 2\n", "/p.ini", "/p.ini"),
            ConfLint.Syntax.Ini.PhpIniRole.Main, new ConfLint.Diagnostics.DiagnosticBag());
        Assert.Equal("3", file.EffectiveEntry("a")?.Value?.Text);
        Assert.Null(file.EffectiveEntry("b"));
        Assert.Null(file.EffectiveEntry("extension"));
    }
}
