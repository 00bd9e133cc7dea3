using System.Text.Json;
using ConfLint.Analyzers;
using ConfLint.Reporting;
using Xunit;

namespace ConfLint.Tests.Rules;

public class RuleListAndExplainTests
{
    [Fact]
    public void Rules_table_lists_every_rule_in_aligned_columns()
    {
        var sw = new StringWriter();
        RuleListing.WriteTable(sw, RuleCatalog.Descriptors);
        var lines = sw.ToString().TrimEnd('\n').Split('\n');

        Assert.Matches(@"^ID\s+SEVERITY\s+CATEGORY\s+TITLE$", lines[0]);
        Assert.Equal(RuleCatalog.Descriptors.Count() + 1, lines.Length);
        Assert.Equal("CL0001  error     Input     Input cannot be read", lines[1]);
        int titleColumn = lines[0].IndexOf("TITLE", StringComparison.Ordinal);
        foreach (var (line, descriptor) in lines.Skip(1).Zip(RuleCatalog.Descriptors))
            Assert.Equal(descriptor.Title, line[titleColumn..]);
    }

    [Fact]
    public void Rules_json_lists_every_rule_with_its_metadata()
    {
        var sw = new StringWriter();
        RuleListing.WriteJson(sw, RuleCatalog.Descriptors);
        using var doc = JsonDocument.Parse(sw.ToString());

        var items = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(RuleCatalog.Descriptors.Select(d => d.Id), items.Select(i => i.GetProperty("id").GetString()));
        var first = items[0];
        Assert.Equal("error", first.GetProperty("severity").GetString());
        Assert.Equal("Input", first.GetProperty("category").GetString());
        Assert.Equal("Input cannot be read", first.GetProperty("title").GetString());
        Assert.EndsWith("rules/CL0001.md", first.GetProperty("helpUri").GetString());
        Assert.False(first.TryGetProperty("securitySeverity", out _));
    }

    [Fact]
    public void Explain_prints_the_doc_as_text()
    {
        var sw = new StringWriter();
        Assert.True(RuleListing.Explain("cl0003", sw, RuleDocLibrary.FromDirectory(RuleDocFiles.Directory)));
        var text = sw.ToString();

        Assert.StartsWith("CL0003: Inline suppression names an unknown rule or has no reason\n====", text);
        Assert.Contains("Failing example\n---------------\n  etc/apache2/apache2.conf (apache):\n    ServerName www.example.com\n", text);
        Assert.Contains("More: " + RuleCatalog.Find("CL0003")!.HelpUri, text);
    }

    [Fact]
    public void Explain_falls_back_to_the_description_and_refuses_unknown_ids()
    {
        var sw = new StringWriter();
        Assert.True(RuleListing.Explain("CL0001", sw, RuleDocLibrary.None));
        Assert.Contains(RuleCatalog.Find("CL0001")!.Description, sw.ToString());
        Assert.Contains("Severity: error · Category: Input", sw.ToString());

        var unknown = new StringWriter();
        Assert.False(RuleListing.Explain("CL9999", unknown));
        Assert.Equal("", unknown.ToString());
    }
}
