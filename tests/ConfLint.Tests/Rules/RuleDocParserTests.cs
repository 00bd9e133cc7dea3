using ConfLint.Reporting;
using Xunit;

namespace ConfLint.Tests.Rules;

public class RuleDocParserTests
{
    private const string BriefExample = """
        # CL1002: Close tag does not match the open section

        Severity: error · Category: Apache

        ## Why
        (prose: what breaks, with the engine's own error message)

        ## Failing example
        ```apache path=etc/apache2/apache2.conf
        <IfModule mod_fastcgi.c>
        </IfModole>
        ```

        ## Fixed example
        ```apache path=etc/apache2/apache2.conf
        <IfModule mod_fastcgi.c>
        </IfModule>
        ```

        ## References
        - httpd server/config.c ap_build_config_sub …
        """;

    [Fact]
    public void Reads_the_format_of_the_brief()
    {
        var doc = RuleDocParser.Parse(BriefExample);

        Assert.True(doc.IsWellFormed, string.Join("; ", doc.Problems));
        Assert.Equal("CL1002", doc.Id);
        Assert.Equal("Close tag does not match the open section", doc.Title);
        Assert.Equal("error", doc.Severity);
        Assert.Equal("Apache", doc.Category);
        Assert.Equal("(prose: what breaks, with the engine's own error message)", doc.Why);
        var block = Assert.Single(doc.Failing!.Blocks);
        Assert.Equal("apache", block.Language);
        Assert.Equal("etc/apache2/apache2.conf", block.Path);
        Assert.Equal("<IfModule mod_fastcgi.c>\n</IfModole>\n", block.Content);
        Assert.Equal(new[] { "etc/apache2/apache2.conf" }, doc.Failing.Inputs);
        Assert.Empty(doc.Failing.Options);
        Assert.Equal("<IfModule mod_fastcgi.c>\n</IfModule>\n", Assert.Single(doc.Fixed!.Blocks).Content);
        Assert.Equal(new[] { "httpd server/config.c ap_build_config_sub …" }, doc.References);
        Assert.Equal(BriefExample, doc.Markdown);
    }

    [Fact]
    public void Reads_options_inputs_several_blocks_and_attributes()
    {
        var doc = RuleDocParser.Parse(BriefExample.Replace("""
            ## Failing example
            ```apache path=etc/apache2/apache2.conf
            """, """
            ## Failing example
            Options: --module rewrite_module --define X
            Input: etc/apache2/apache2.conf etc/php/php.ini

            ```sh path=usr/local/bin/php-wrapper mode=0755
            #!/bin/sh
            exec /usr/bin/php-cgi
            ```

            The passwd file of the host:

            ```passwd path=etc/passwd
            web1:x:1001:1001::/www/./web1:/bin/sh
            ```

            ```dir path=www/web1
            ```

            ```text path=www/web1/bin link=/bin
            ```

            ```apache path=etc/apache2/apache2.conf
            """));

        Assert.True(doc.IsWellFormed, string.Join("; ", doc.Problems));
        var failing = doc.Failing!;
        Assert.Equal(new[] { "--module", "rewrite_module", "--define", "X" }, failing.Options);
        Assert.Equal(new[] { "etc/apache2/apache2.conf", "etc/php/php.ini" }, failing.Inputs);
        Assert.Equal(new[] { "usr/local/bin/php-wrapper", "etc/passwd", "www/web1", "www/web1/bin", "etc/apache2/apache2.conf" },
            failing.Blocks.Select(b => b.Path));
        Assert.Equal("0755", failing.Blocks[0].Mode);
        Assert.True(failing.Blocks[2].IsDirectory);
        Assert.Equal("/bin", failing.Blocks[3].LinkTarget);
    }

    [Fact]
    public void Escaped_blocks_spell_their_bytes()
    {
        var doc = RuleDocParser.Parse(BriefExample.Replace(
            "```apache path=etc/apache2/apache2.conf\n<IfModule mod_fastcgi.c>\n</IfModole>",
            "```text path=etc/apache2/apache2.conf bytes=escaped\nA\\x00\\xff\n\\n\\\\B"));

        Assert.True(doc.IsWellFormed, string.Join("; ", doc.Problems));
        Assert.Equal(new byte[] { (byte)'A', 0, 0xFF, (byte)'\n', (byte)'\\', (byte)'B' }, doc.Failing!.Blocks[0].GetBytes());
    }

    [Theory]
    [InlineData("# CL1002: Close tag does not match the open section", "# CL1002 Close tag", "first line")]
    [InlineData("Severity: error · Category: Apache", "Severity: error, Category: Apache", "Severity:")]
    [InlineData("## Why", "## Rationale", "unknown heading")]
    [InlineData("## References\n- httpd server/config.c ap_build_config_sub …", "", "missing section `## References`")]
    [InlineData("```apache path=etc/apache2/apache2.conf\n<IfModule mod_fastcgi.c>\n</IfModole>", "```nginx path=etc/apache2/apache2.conf\n<IfModule mod_fastcgi.c>\n</IfModole>", "unknown block language")]
    [InlineData("```apache path=etc/apache2/apache2.conf\n<IfModule mod_fastcgi.c>\n</IfModole>", "```apache\n<IfModule mod_fastcgi.c>\n</IfModole>", "needs `path=")]
    [InlineData("```apache path=etc/apache2/apache2.conf\n<IfModule mod_fastcgi.c>\n</IfModole>", "```apache path=/etc/apache2/apache2.conf\n<IfModule mod_fastcgi.c>\n</IfModole>", "relative path")]
    [InlineData("```apache path=etc/apache2/apache2.conf\n<IfModule mod_fastcgi.c>\n</IfModole>", "```apache path=../apache2.conf\n<IfModule mod_fastcgi.c>\n</IfModole>", "relative path")]
    [InlineData("```apache path=etc/apache2/apache2.conf\n<IfModule mod_fastcgi.c>\n</IfModole>", "```apache path=a.conf owner=root\n<IfModule mod_fastcgi.c>\n</IfModole>", "block attribute `owner=root`")]
    [InlineData("```apache path=etc/apache2/apache2.conf\n<IfModule mod_fastcgi.c>\n</IfModole>\n```", "Options: --define X\n```apache path=a.conf\nx\n```\nOptions: --define Y", "before the example's blocks")]
    [InlineData("```apache path=etc/apache2/apache2.conf\n<IfModule mod_fastcgi.c>\n</IfModole>\n```", "no block here", "has no fenced block")]
    [InlineData("</IfModule>\n```", "</IfModule>", "never closed")]
    public void Every_departure_from_the_format_is_a_problem(string replace, string with, string expected)
    {
        Assert.Contains(replace, BriefExample);
        var doc = RuleDocParser.Parse(BriefExample.Replace(replace, with));
        Assert.False(doc.IsWellFormed);
        Assert.Contains(doc.Problems, p => p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Sections_out_of_order_are_a_problem()
    {
        var swapped = BriefExample.Replace("## Failing example", "## TEMP").Replace("## Fixed example", "## Failing example").Replace("## TEMP", "## Fixed example");
        var doc = RuleDocParser.Parse(swapped);
        Assert.Contains(doc.Problems, p => p.Message.Contains("out of order", StringComparison.Ordinal));
    }

    [Fact]
    public void Parsing_never_throws_on_arbitrary_text()
    {
        foreach (var text in new[] { "", "\n", "```", "# CL0001: x\n```apache path=a\n", "## Why\n## Why\n", "\0\u00b7\r\n##" })
        {
            var doc = RuleDocParser.Parse(text);
            Assert.False(doc.IsWellFormed);
        }
    }

    [Fact]
    public void Markdown_renders_as_text_with_underlined_headings_and_captioned_blocks()
    {
        var text = MarkdownText.Render(BriefExample);

        Assert.StartsWith("CL1002: Close tag does not match the open section\n=================================================\n", text);
        Assert.Contains("Failing example\n---------------\n  etc/apache2/apache2.conf (apache):\n    <IfModule mod_fastcgi.c>\n    </IfModole>\n", text);
        Assert.DoesNotContain("```", text);
        Assert.DoesNotContain("## ", text);
    }
}
