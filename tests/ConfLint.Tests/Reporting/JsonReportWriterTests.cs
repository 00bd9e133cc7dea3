using System.Text.Json;
using ConfLint.Reporting;
using Xunit;

namespace ConfLint.Tests.Reporting;

public class JsonReportWriterTests
{
    [Fact]
    public void Each_finding_is_an_object_with_the_documented_fields()
    {
        var f = new ReportFixture();
        var main = f.AddFile("etc/apache2/apache2.conf", "Include conf.d/php.conf\n");
        var php = f.AddFile("etc/apache2/conf.d/php.conf", "SuexecUserGroup web1 web1\n");
        var passwd = f.AddFile("etc/passwd", "web1:x:1001:1001::/www/web1:/bin/sh\n");
        f.Add(ReportFixture.SecurityRule, ReportFixture.At(php, "web1"), "user 'web1' has no /./ in its home",
            includeChain: new[] { main.GetLineLocation(1) },
            related: new[] { (ReportFixture.At(passwd, "/www/web1"), "home of 'web1'") });

        var sw = new StringWriter();
        JsonReportWriter.Write(sw, f.Report());
        using var doc = JsonDocument.Parse(sw.ToString());

        var item = Assert.Single(doc.RootElement.EnumerateArray().ToList());
        Assert.Equal(
            new[] { "ruleId", "severity", "message", "file", "line", "column", "endLine", "endColumn", "includeChain", "related" },
            item.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("CL3001", item.GetProperty("ruleId").GetString());
        Assert.Equal("error", item.GetProperty("severity").GetString());
        Assert.Equal("etc/apache2/conf.d/php.conf", item.GetProperty("file").GetString());
        Assert.Equal(1, item.GetProperty("line").GetInt32());
        Assert.Equal(17, item.GetProperty("column").GetInt32());
        Assert.Equal(1, item.GetProperty("endLine").GetInt32());
        Assert.Equal(21, item.GetProperty("endColumn").GetInt32());

        var include = Assert.Single(item.GetProperty("includeChain").EnumerateArray().ToList());
        Assert.Equal(new[] { "file", "line" }, include.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("etc/apache2/apache2.conf", include.GetProperty("file").GetString());

        var related = Assert.Single(item.GetProperty("related").EnumerateArray().ToList());
        Assert.Equal(new[] { "file", "line", "column", "message" }, related.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("etc/passwd", related.GetProperty("file").GetString());
        Assert.Equal(19, related.GetProperty("column").GetInt32());
        Assert.Equal("home of 'web1'", related.GetProperty("message").GetString());
    }

    [Fact]
    public void No_findings_is_an_empty_array()
    {
        var sw = new StringWriter();
        JsonReportWriter.Write(sw, new ReportFixture().Report());
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(sw.ToString()).RootElement.ValueKind);
        Assert.Equal(0, JsonDocument.Parse(sw.ToString()).RootElement.GetArrayLength());
    }
}
