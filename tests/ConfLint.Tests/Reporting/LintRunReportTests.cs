using System.Text.Json.Nodes;
using ConfLint.Hosting;
using ConfLint.Reporting;
using NJsonSchema;
using Xunit;

namespace ConfLint.Tests.Reporting;

/// <summary>The `lint` command's path: LintRunner's result written by <see cref="Reports"/>.</summary>
public sealed class LintRunReportTests : IDisposable
{
    private readonly string _tree = Directory.CreateTempSubdirectory("conflint-report-").FullName;

    public void Dispose() => Directory.Delete(_tree, recursive: true);

    private LintResult LintMissingAndBinary()
    {
        Directory.CreateDirectory(Path.Combine(_tree, "etc/apache2"));
        File.WriteAllBytes(Path.Combine(_tree, "etc/apache2/apache2.conf.1.gz"), new byte[] { 0x1f, 0x8b, 0x08, 0x00 });
        return LintRunner.Run(new LintRequest
        {
            Root = _tree,
            Paths = new[] { Path.Combine(_tree, "etc/apache2/apache2.conf"), Path.Combine(_tree, "etc/apache2/apache2.conf.1.gz") },
        });
    }

    [Fact]
    public async Task Sarif_of_a_run_validates_and_points_into_the_tree()
    {
        var sw = new StringWriter();
        Reports.Write("sarif", LintMissingAndBinary(), sw, _tree, color: false);

        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Shared, "schemas", "sarif-schema-2.1.0.json"));
        Assert.Empty(schema.Validate(sw.ToString()));
        var results = JsonNode.Parse(sw.ToString())!["runs"]![0]!["results"]!.AsArray();
        Assert.Contains(results, r => (string?)r!["ruleId"] == "CL0001"
            && (string?)r["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"] == "etc/apache2/apache2.conf");
        Assert.Contains(results, r => (string?)r!["ruleId"] == "CL0002"
            && (string?)r["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"] == "etc/apache2/apache2.conf.1.gz");
    }

    [Fact]
    public void Text_of_a_run_names_each_file_relative_to_the_base_directory()
    {
        var sw = new StringWriter { NewLine = "\n" };
        Reports.Write("text", LintMissingAndBinary(), sw, _tree, color: false);
        var text = sw.ToString();

        Assert.Contains("etc/apache2/apache2.conf:1:1: error: ", text);
        Assert.Contains("[CL0001]", text);
        Assert.Contains("etc/apache2/apache2.conf.1.gz:1:4: error: ", text);
        Assert.Contains("[CL0002]", text);
        Assert.EndsWith("2 errors, 0 warnings, 0 infos in 0 files\n", text);
    }
}
