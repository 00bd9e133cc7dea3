using ConfLint.Reporting;
using ConfLint.Text;
using Xunit;

namespace ConfLint.Tests.Reporting;

public class TextReportWriterTests
{
    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    [Fact]
    public void First_line_is_path_line_column_severity_message_and_id_then_source_and_caret()
    {
        var f = new ReportFixture();
        var conf = f.AddFile("etc/apache2/apache2.conf", "Listen 80\nServerName www.example.com # main\n");
        f.Add(ReportFixture.Suppression, ReportFixture.At(conf, "# main"), "trailing text looks like a comment");

        var lines = Lines(TextReportWriter.ToText(f.Report()));

        Assert.Equal("etc/apache2/apache2.conf:2:28: warning: trailing text looks like a comment [CL0003]", lines[0]);
        Assert.Equal("    2 | ServerName www.example.com # main", lines[1]);
        Assert.Equal("      | " + new string(' ', 27) + "^~~~~~", lines[2]);
    }

    [Fact]
    public void Caret_lines_up_after_tabs()
    {
        var f = new ReportFixture();
        var conf = f.AddFile("a.conf", "\tAddHandler\tphp-script .php\n");
        f.Add(ReportFixture.Suppression, ReportFixture.At(conf, "php-script"), "m");

        var lines = Lines(TextReportWriter.ToText(f.Report()));

        // The tab after column 0 reaches 8; "AddHandler" ends at 18; the next tab reaches 24.
        Assert.Equal("    1 |         AddHandler      php-script .php", lines[1]);
        Assert.Equal("      | " + new string(' ', 24) + "^" + new string('~', "php-script".Length - 1), lines[2]);
        Assert.Equal(lines[1].IndexOf("php-script", StringComparison.Ordinal), lines[2].IndexOf('^'));
    }

    [Fact]
    public void Multi_line_span_is_underlined_to_the_end_of_its_first_line()
    {
        var f = new ReportFixture();
        var conf = f.AddFile("a.conf", "<Location /x>\nRequire all granted\n");
        var span = TextSpan.FromBounds(conf.Text.IndexOf("/x", StringComparison.Ordinal), conf.Text.Length - 1);
        f.Add(ReportFixture.Suppression, conf.GetLocation(span), "m");

        var lines = Lines(TextReportWriter.ToText(f.Report()));

        Assert.Equal("    1 | <Location /x>", lines[1]);
        Assert.Equal("      | " + new string(' ', 10) + "^~~", lines[2]);
    }

    [Fact]
    public void Empty_span_and_end_of_line_get_a_single_caret()
    {
        var f = new ReportFixture();
        var conf = f.AddFile("a.conf", "<IfModule x>\n");
        f.Add(ReportFixture.Suppression, conf.GetLocation(new TextSpan(12, 0)), "m");

        var lines = Lines(TextReportWriter.ToText(f.Report()));

        Assert.Equal("      | " + new string(' ', 12) + "^", lines[2]);
    }

    [Fact]
    public void Include_chain_innermost_first_then_related_facts_as_notes()
    {
        var f = new ReportFixture();
        var main = f.AddFile("etc/apache2/apache2.conf", "ServerRoot /etc/apache2\nInclude sites-enabled/*.conf\n");
        var site = f.AddFile("etc/apache2/sites-enabled/a.conf", "Include conf.d/php.conf\n");
        var php = f.AddFile("etc/apache2/conf.d/php.conf", "SuexecUserGroup web1 web1\n");
        var passwd = f.AddFile("etc/passwd", "root:x:0:0::/root:/bin/sh\nweb1:x:1001:1001::/www/web1:/bin/sh\n");
        f.Add(ReportFixture.SecurityRule, ReportFixture.At(php, "web1"), "user 'web1' has no /./ in its home",
            includeChain: new[] { site.GetLineLocation(1), main.GetLineLocation(2) },
            related: new[] { (ReportFixture.At(passwd, "web1:x"), "home of 'web1' is /www/web1") });

        var lines = Lines(TextReportWriter.ToText(f.Report()));

        Assert.Equal("etc/apache2/conf.d/php.conf:1:17: error: user 'web1' has no /./ in its home [CL3001]", lines[0]);
        Assert.Equal("  included from etc/apache2/sites-enabled/a.conf:1", lines[3]);
        Assert.Equal("  included from etc/apache2/apache2.conf:2", lines[4]);
        Assert.Equal("  note: etc/passwd:2:1: home of 'web1' is /www/web1", lines[5]);
        Assert.Equal("", lines[6]);
        Assert.Equal("1 error, 0 warnings, 0 infos in 4 files", lines[7]);
    }

    [Fact]
    public void Summary_counts_each_severity_and_the_files()
    {
        var f = new ReportFixture();
        var conf = f.AddFile("a.conf", "a\nb\nc\n");
        f.Add(ReportFixture.Readable, conf.GetLineLocation(1), "e1");
        f.Add(ReportFixture.NotText, conf.GetLineLocation(2), "e2");
        f.Add(ReportFixture.Suppression, conf.GetLineLocation(3), "w");
        f.Add(ReportFixture.MissingFact, conf.GetLineLocation(3), "i");

        Assert.Equal("2 errors, 1 warning, 1 info in 1 file", TextReportWriter.Summary(f.Report()));
        Assert.Equal("0 errors, 0 warnings, 0 infos in 12 files", TextReportWriter.Summary(new ReportFixture().Report() with { FileCount = 12 }));
    }

    [Fact]
    public void A_file_that_was_not_read_is_reported_without_a_source_line_and_outside_paths_stay_absolute()
    {
        var f = new ReportFixture();
        f.Add(ReportFixture.Readable, Location.ForFile("/elsewhere/apache2.conf"), "cannot read '/elsewhere/apache2.conf': no such file");

        var lines = Lines(TextReportWriter.ToText(f.Report()));

        Assert.Equal("/elsewhere/apache2.conf:1:1: error: cannot read '/elsewhere/apache2.conf': no such file [CL0001]", lines[0]);
        Assert.Equal("", lines[1]);
        Assert.Equal("1 error, 0 warnings, 0 infos in 0 files", lines[2]);
    }

    [Fact]
    public void Control_characters_from_the_config_never_reach_the_terminal()
    {
        var f = new ReportFixture();
        var conf = f.AddFile("a.conf", "ServerName \u001b[2Jx\n");
        f.Add(ReportFixture.Suppression, ReportFixture.At(conf, "x"), "name '\u001b[2Jx'");

        var text = TextReportWriter.ToText(f.Report(), new TextReportOptions { Color = false });

        Assert.DoesNotContain('\u001b', text);
        // The escape shows as one U+FFFD, so the caret still lines up under "x".
        var lines = Lines(text);
        Assert.Equal(lines[1].IndexOf('x'), lines[2].IndexOf('^'));
    }

    [Fact]
    public void Colour_is_written_only_when_asked()
    {
        var f = new ReportFixture();
        var conf = f.AddFile("a.conf", "x\n");
        f.Add(ReportFixture.Readable, conf.GetLineLocation(1), "m");

        var coloured = TextReportWriter.ToText(f.Report(), new TextReportOptions { Color = true });
        var plain = TextReportWriter.ToText(f.Report(), new TextReportOptions { Color = false });

        Assert.Contains("\u001b[1;31merror:\u001b[0m", coloured);
        Assert.DoesNotContain('\u001b', plain);
    }

    [Theory]
    [InlineData(ColorMode.Auto, true, null, null, true)]
    [InlineData(ColorMode.Auto, true, "", null, true)]
    [InlineData(ColorMode.Auto, true, "1", null, false)]
    [InlineData(ColorMode.Auto, true, "0", null, false)]
    [InlineData(ColorMode.Auto, true, "false", null, false)]
    [InlineData(ColorMode.Auto, false, null, null, false)]
    [InlineData(ColorMode.Auto, true, null, "dumb", false)]
    [InlineData(ColorMode.Always, false, "1", null, true)]
    [InlineData(ColorMode.Never, true, null, null, false)]
    public void No_color_is_honoured_in_auto_mode_and_an_explicit_switch_wins(ColorMode mode, bool tty, string? noColor, string? term, bool expected)
    {
        Assert.Equal(expected, ColorChoice.ShouldColor(mode, tty, noColor, term));
    }

    [Fact]
    public void Color_switch_values_parse()
    {
        Assert.Equal(ColorMode.Always, ColorChoice.Parse("ALWAYS"));
        Assert.Equal(ColorMode.Never, ColorChoice.Parse("never"));
        Assert.Equal(ColorMode.Auto, ColorChoice.Parse("auto"));
        Assert.Null(ColorChoice.Parse("sometimes"));
    }
}
