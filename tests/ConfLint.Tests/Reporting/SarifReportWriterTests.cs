using System.Text.Json.Nodes;
using ConfLint.Analyzers;
using ConfLint.Diagnostics;
using ConfLint.Reporting;
using ConfLint.Tests.Rules;
using ConfLint.Text;
using NJsonSchema;
using NJsonSchema.Validation;
using Xunit;

namespace ConfLint.Tests.Reporting;

public class SarifReportWriterTests
{
    private static readonly Lazy<Task<JsonSchema>> Schema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Shared, "schemas", "sarif-schema-2.1.0.json")));

    /// <summary>A run with every kind of location SARIF output has to carry.</summary>
    private static LintReport RichReport()
    {
        var f = new ReportFixture();
        var main = f.AddFile("etc/apache2/apache2.conf", "ServerName a\nInclude sites enabled/*.conf\n");
        var site = f.AddFile("etc/apache2/sites enabled/café.conf", "<VirtualHost *:80>\n  SuexecUserGroup web1 web1\n</VirtualHost>\n");
        var passwd = f.AddFile("etc/passwd", "web1:x:1001:1001::/www/web1:/bin/sh\n");
        f.Add(ReportFixture.SecurityRule, ReportFixture.At(site, "web1"), "user 'web1' has no /./ in its home",
            includeChain: new[] { main.GetLineLocation(2) },
            related: new[] { (ReportFixture.At(passwd, "/www/web1"), "home of 'web1' is /www/web1") });
        f.Add(ReportFixture.Suppression, site.GetLocation(TextSpan.FromBounds(0, site.Text.Length - 1)), "multi-line span");
        f.Add(ReportFixture.Readable, Location.ForFile("/elsewhere/php.ini"), "cannot read '/elsewhere/php.ini': no such file");
        var rules = RuleCatalog.Descriptors.Append(ReportFixture.SecurityRule).ToList();
        return f.Report(rules);
    }

    /// <summary>Every validation error, with the errors nested under "no type validates" flattened out.</summary>
    private static async Task<IReadOnlyList<ValidationError>> Validate(string json) =>
        Flatten((await Schema.Value).Validate(json)).ToList();

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(e => new[] { e }.Concat(e switch
        {
            ChildSchemaValidationError child => Flatten(child.Errors.Values.SelectMany(v => v)),
            MultiTypeValidationError multi => Flatten(multi.Errors.Values.SelectMany(v => v)),
            _ => Enumerable.Empty<ValidationError>(),
        }));

    [Fact]
    public async Task Output_validates_against_the_official_schema()
    {
        var json = SarifReportWriter.ToJson(RichReport());
        var errors = await Validate(json);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        Assert.Contains("\"partialFingerprints\"", json);
    }

    [Fact]
    public async Task A_broken_document_fails_validation()
    {
        var node = JsonNode.Parse(SarifReportWriter.ToJson(RichReport()))!;
        node["runs"]![0]!["tool"]!["driver"]!.AsObject().Remove("name");
        node["runs"]![0]!["results"]![0]!["level"] = "fatal";
        node["runs"]![0]!["columnKind"] = "bytes";

        var errors = await Validate(node.ToJsonString());

        Assert.Contains(errors, e => e.Kind == ValidationErrorKind.PropertyRequired && e.Path == "#/runs[0].tool.driver.name");
        Assert.Contains(errors, e => e.Kind == ValidationErrorKind.NotInEnumeration && e.Path == "#/runs[0].results[0].level");
        Assert.Contains(errors, e => e.Kind == ValidationErrorKind.NotInEnumeration && e.Path == "#/runs[0].columnKind");
    }

    [Fact]
    public void Run_has_the_fields_code_scanning_reads()
    {
        var root = JsonNode.Parse(SarifReportWriter.ToJson(RichReport()))!;
        Assert.Equal("2.1.0", (string?)root["version"]);
        Assert.NotNull((string?)root["$schema"]);
        var run = root["runs"]!.AsArray().Single()!;
        var driver = run["tool"]!["driver"]!;
        Assert.Equal("ConfLint", (string?)driver["name"]);
        Assert.Matches(@"^\d+\.\d+\.\d+", (string?)driver["semanticVersion"]);
        Assert.StartsWith("https://", (string?)driver["informationUri"]);
        Assert.Equal("utf16CodeUnits", (string?)run["columnKind"]);
        Assert.Equal("file:///srv/host/", (string?)run["originalUriBaseIds"]!["SRCROOT"]!["uri"]);
    }

    [Fact]
    public void Every_catalogue_rule_is_described_with_help_from_its_doc()
    {
        var rules = JsonNode.Parse(SarifReportWriter.ToJson(new ReportFixture().Report()))!["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray();
        Assert.Equal(RuleCatalog.Descriptors.Select(d => d.Id), rules.Select(r => (string?)r!["id"]));

        var cl0001 = rules.Single(r => (string?)r!["id"] == "CL0001")!;
        Assert.Equal("InputCannotBeRead", (string?)cl0001["name"]);
        Assert.Equal("Input cannot be read", (string?)cl0001["shortDescription"]!["text"]);
        Assert.Equal(ReportFixture.Readable.Description, (string?)cl0001["fullDescription"]!["text"]);
        Assert.Equal(File.ReadAllText(Path.Combine(RuleDocFiles.Directory, "CL0001.md")), (string?)cl0001["help"]!["markdown"]);
        Assert.Contains("Failing example\n---------------", (string?)cl0001["help"]!["text"]);
        Assert.Equal("error", (string?)cl0001["defaultConfiguration"]!["level"]);
        Assert.Equal("high", (string?)cl0001["properties"]!["precision"]);
        Assert.EndsWith("rules/CL0001.md", (string?)cl0001["helpUri"]);
        Assert.Null(cl0001["properties"]!["security-severity"]);

        var cl0004 = rules.Single(r => (string?)r!["id"] == "CL0004")!;
        Assert.Equal("note", (string?)cl0004["defaultConfiguration"]!["level"]);
        Assert.Equal("medium", (string?)cl0004["properties"]!["precision"]);
    }

    [Fact]
    public void Security_rules_carry_the_tag_and_a_string_security_severity()
    {
        var rules = JsonNode.Parse(SarifReportWriter.ToJson(RichReport()))!["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray();
        var rule = rules.Single(r => (string?)r!["id"] == "CL3001")!;
        Assert.Equal("9.0", (string?)rule["properties"]!["security-severity"]);
        Assert.Contains("security", rule["properties"]!["tags"]!.AsArray().Select(t => (string?)t));
    }

    [Fact]
    public void Results_point_at_relative_percent_encoded_uris_with_related_locations()
    {
        var run = JsonNode.Parse(SarifReportWriter.ToJson(RichReport()))!["runs"]![0]!;
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
        var results = run["results"]!.AsArray();
        foreach (var r in results)
            Assert.Equal((string?)r!["ruleId"], (string?)rules[(int)r["ruleIndex"]!]!["id"]);

        var result = results[0]!;
        Assert.Equal("error", (string?)result["level"]);
        var physical = result["locations"]![0]!["physicalLocation"]!;
        Assert.Equal("etc/apache2/sites%20enabled/caf%C3%A9.conf", (string?)physical["artifactLocation"]!["uri"]);
        Assert.Equal("SRCROOT", (string?)physical["artifactLocation"]!["uriBaseId"]);
        Assert.Equal(2, (int)physical["region"]!["startLine"]!);
        Assert.Equal(19, (int)physical["region"]!["startColumn"]!);
        Assert.Equal(2, (int)physical["region"]!["endLine"]!);
        Assert.Equal(23, (int)physical["region"]!["endColumn"]!);

        var related = result["relatedLocations"]!.AsArray();
        Assert.Equal(2, related.Count);
        Assert.Equal(SarifReportWriter.IncludedFromMessage, (string?)related[0]!["message"]!["text"]);
        Assert.Equal("etc/apache2/apache2.conf", (string?)related[0]!["physicalLocation"]!["artifactLocation"]!["uri"]);
        Assert.Equal("home of 'web1' is /www/web1", (string?)related[1]!["message"]!["text"]);
        Assert.Equal("etc/passwd", (string?)related[1]!["physicalLocation"]!["artifactLocation"]!["uri"]);
        Assert.Equal(2, related.Select(l => (int)l!["id"]!).Distinct().Count());

        var outside = results[2]!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!;
        Assert.Equal("file:///elsewhere/php.ini", (string?)outside["uri"]);
        Assert.Null(outside["uriBaseId"]);
    }

    private static string Fingerprint(string fileText, string needle)
    {
        var f = new ReportFixture();
        var conf = f.AddFile("etc/apache2/apache2.conf", fileText);
        f.Add(ReportFixture.Suppression, ReportFixture.At(conf, needle), "m");
        var run = JsonNode.Parse(SarifReportWriter.ToJson(f.Report()))!["runs"]![0]!;
        return (string)run["results"]![0]!["partialFingerprints"]![SarifFingerprints.Key]!;
    }

    [Fact]
    public void Fingerprint_survives_lines_inserted_above()
    {
        const string before = "ServerName a\nAddHandler php-script .php\n";
        const string after = "# three\n# new\n# lines\nServerName a\nAddHandler php-script .php\n";
        Assert.Equal(Fingerprint(before, "php-script"), Fingerprint(after, "php-script"));
        Assert.Equal(Fingerprint(before, "php-script"), Fingerprint("ServerName a\n  AddHandler   php-script .php\n", "php-script"));
    }

    [Fact]
    public void Fingerprint_changes_with_the_flagged_line_the_rule_or_the_file()
    {
        var baseline = SarifFingerprints.Hash("CL2006", "a.conf", "AddHandler php-script .php");
        Assert.NotEqual(baseline, SarifFingerprints.Hash("CL2006", "a.conf", "AddHandler php-script .phtml"));
        Assert.NotEqual(baseline, SarifFingerprints.Hash("CL2001", "a.conf", "AddHandler php-script .php"));
        Assert.NotEqual(baseline, SarifFingerprints.Hash("CL2006", "b.conf", "AddHandler php-script .php"));
        Assert.NotEqual(Fingerprint("A x\nB x\n", "x"), Fingerprint("A x\nB x\n", "B"));
    }

    [Fact]
    public void Identical_findings_on_identical_lines_are_numbered()
    {
        var f = new ReportFixture();
        var conf = f.AddFile("a.conf", "AddHandler php .php\nAddHandler php .php\n");
        f.Add(ReportFixture.Suppression, conf.GetLineLocation(1), "m");
        f.Add(ReportFixture.Suppression, conf.GetLineLocation(2), "m");
        var results = JsonNode.Parse(SarifReportWriter.ToJson(f.Report()))!["runs"]![0]!["results"]!.AsArray();
        var prints = results.Select(r => (string)r!["partialFingerprints"]![SarifFingerprints.Key]!).ToList();
        Assert.EndsWith(":1", prints[0]);
        Assert.EndsWith(":2", prints[1]);
        Assert.Equal(prints[0][..^2], prints[1][..^2]);
    }

    [Theory]
    [InlineData("Close tag does not match the open section", "CloseTagDoesNotMatchTheOpenSection")]
    [InlineData("Input is not text or exceeds the engine's line limit", "InputIsNotTextOrExceedsTheEnginesLineLimit")]
    [InlineData("`Include` target missing; depth > 128", "IncludeTargetMissingDepth128")]
    public void Rule_names_are_pascal_case_titles(string title, string name)
    {
        Assert.Equal(name, SarifReportWriter.PascalCaseName(title));
    }
}
