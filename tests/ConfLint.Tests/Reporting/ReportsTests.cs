using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConfLint.Diagnostics;
using ConfLint.Reporting;
using Xunit;

namespace ConfLint.Tests.Reporting;

public class ReportsTests
{
    private static LintReport OneFinding()
    {
        var f = new ReportFixture();
        var conf = f.AddFile("a.conf", "x\n");
        f.Add(ReportFixture.Readable, conf.GetLineLocation(1), "m");
        return f.Report();
    }

    private static string Write(ReportFormat format, bool color = false)
    {
        var sw = new StringWriter();
        Reports.Write(format, OneFinding(), sw, color);
        return sw.ToString();
    }

    [Fact]
    public void Each_format_writes_its_own_document()
    {
        Assert.StartsWith("a.conf:1:1: error: m [CL0001]\n", Write(ReportFormat.Text).Replace("\r\n", "\n"));
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(Write(ReportFormat.Json)).RootElement.ValueKind);
        Assert.Equal("2.1.0", (string?)JsonNode.Parse(Write(ReportFormat.Sarif))!["version"]);
        Assert.Contains('\u001b', Write(ReportFormat.Text, color: true));
    }

    [Fact]
    public void Redirected_output_is_coloured_only_when_forced()
    {
        Assert.False(Reports.ShouldUseColor("auto", outputRedirected: true));
        Assert.False(Reports.ShouldUseColor("never", outputRedirected: false));
        Assert.True(Reports.ShouldUseColor("always", outputRedirected: true));
    }

    [Fact]
    public void Format_names_parse()
    {
        Assert.Equal(ReportFormat.Sarif, ReportFormats.Parse("SARIF"));
        Assert.Equal(ReportFormat.Json, ReportFormats.Parse("json"));
        Assert.Equal(ReportFormat.Text, ReportFormats.Parse("text"));
        Assert.Null(ReportFormats.Parse("xml"));
    }

    [Fact]
    public void A_security_severity_always_brings_the_security_tag()
    {
        var bare = new DiagnosticDescriptor("CL7002", "Setuid file inside the jail", "{0}", "Jail", Severity.Error,
            "d", ImmutableArray<string>.Empty, 9.0);
        var rules = JsonNode.Parse(SarifReportWriter.ToJson(new ReportFixture().Report(new[] { bare })))!["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray();
        var tags = rules.Single()!["properties"]!["tags"]!.AsArray().Select(t => (string?)t).ToList();
        Assert.Equal(new[] { "security", "jail" }, tags);
    }
}
