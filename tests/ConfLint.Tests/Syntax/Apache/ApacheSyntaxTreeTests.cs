using ConfLint.Syntax.Apache;
using ConfLint.Text;
using Xunit;

namespace ConfLint.Tests.Syntax.Apache;

public class ApacheSyntaxTreeTests
{
    private static ApacheSyntaxTree Parse(string text) => ApacheSyntaxTree.Parse(SourceText.From(text, "/t.conf"));

    [Fact]
    public void Directives_sections_and_comments_keep_spans()
    {
        var tree = Parse("# head\n<VirtualHost *:80>\n  ServerName a.example\n</VirtualHost>\n");
        Assert.IsType<ApacheCommentSyntax>(tree.Nodes[0]);
        var vhost = Assert.IsType<ApacheSectionSyntax>(tree.Nodes[1]);
        Assert.Equal(ApacheSectionKind.VirtualHost, vhost.Kind);
        Assert.Equal("*:80", Assert.Single(vhost.Arguments).Value);
        Assert.True(vhost.HasClosingBracket);
        Assert.False(vhost.IsMissingClose);
        var name = Assert.IsType<ApacheDirectiveSyntax>(Assert.Single(vhost.Children));
        Assert.Equal("ServerName", tree.Text.ToString(name.NameToken.Span));
        Assert.Equal("a.example", tree.Text.ToString(name.Arguments[0].Span));
        Assert.Equal(3, name.Location.Line);
        Assert.Equal(3, name.Location.Column);
        Assert.Equal("<VirtualHost *:80>\n  ServerName a.example\n</VirtualHost>", tree.Text.ToString(vhost.Span));
    }

    [Theory]
    [InlineData("VirtualHost", ApacheSectionKind.VirtualHost)]
    [InlineData("directorymatch", ApacheSectionKind.DirectoryMatch)]
    [InlineData("FilesMatch", ApacheSectionKind.FilesMatch)]
    [InlineData("LocationMatch", ApacheSectionKind.LocationMatch)]
    [InlineData("ProxyMatch", ApacheSectionKind.ProxyMatch)]
    [InlineData("IfVersion", ApacheSectionKind.IfVersion)]
    [InlineData("IfFile", ApacheSectionKind.IfFile)]
    [InlineData("IfDirective", ApacheSectionKind.IfDirective)]
    [InlineData("IfSection", ApacheSectionKind.IfSection)]
    [InlineData("ElseIf", ApacheSectionKind.ElseIf)]
    [InlineData("LimitExcept", ApacheSectionKind.LimitExcept)]
    [InlineData("RequireNone", ApacheSectionKind.RequireNone)]
    [InlineData("AuthnProviderAlias", ApacheSectionKind.AuthnProviderAlias)]
    [InlineData("Macro", ApacheSectionKind.Macro)]
    [InlineData("Foo", ApacheSectionKind.Other)]
    [InlineData("1", ApacheSectionKind.Other)]
    public void Section_kinds_are_named_case_insensitively(string name, ApacheSectionKind kind)
    {
        var tree = Parse($"<{name} x>\n</{name}>\n");
        Assert.Equal(kind, Assert.IsType<ApacheSectionSyntax>(Assert.Single(tree.Nodes)).Kind);
    }

    [Fact]
    public void Else_without_arguments_and_missing_bracket_are_facts()
    {
        var tree = Parse("<Else>\n</Else>\n<Directory /x\n</Directory>\n");
        var els = (ApacheSectionSyntax)tree.Nodes[0];
        Assert.Equal("Else", els.Name);
        Assert.Empty(els.Arguments);
        Assert.True(els.HasClosingBracket);
        Assert.False(((ApacheSectionSyntax)tree.Nodes[1]).HasClosingBracket);
    }

    [Fact]
    public void Missing_mismatched_and_stray_close_tags_are_facts()
    {
        var tree = Parse("</Stray>\n<Directory /x>\n</Directry>\n<Files a>\n");
        Assert.Equal("Stray", Assert.Single(tree.StrayCloseTags).Name);
        var dir = (ApacheSectionSyntax)tree.Nodes[0];
        Assert.True(dir.IsMismatchedClose);
        var files = (ApacheSectionSyntax)tree.Nodes[1];
        Assert.True(files.IsMissingClose);
    }

    [Fact]
    public void Trailing_comment_and_rewrite_tail_are_facts()
    {
        var tree = Parse("ServerName a # note\nRewriteRule ^a /b [L] ignored words\nHeader set X \"#quoted\"\n");
        var d = tree.Directives.ToList();
        Assert.Equal(1, d[0].TrailingCommentIndex);
        Assert.Equal("# note", tree.Text.ToString(d[0].TrailingCommentSpan!.Value));
        Assert.Equal("ignored words", tree.Text.ToString(d[1].IgnoredRewriteTail!.Value));
        Assert.Equal(new[] { "^a", "/b", "[L]" }, d[1].RewriteArguments!.Words.Select(w => w.Value));
        Assert.False(d[2].HasTrailingComment);
    }

    [Fact]
    public void Continued_directive_span_covers_all_physical_lines()
    {
        var tree = Parse("Options Indexes \\\n    FollowSymLinks\n");
        var d = Assert.Single(tree.Directives);
        Assert.Equal(new[] { "Indexes", "FollowSymLinks" }, d.Arguments.Select(a => a.Value));
        Assert.Equal(2, tree.Text.GetLocation(d.Span).EndLine);
        Assert.Equal("FollowSymLinks", tree.Text.ToString(d.Arguments[1].Span));
    }
}
