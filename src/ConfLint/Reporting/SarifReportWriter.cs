using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using ConfLint.Diagnostics;
using ConfLint.Text;

namespace ConfLint.Reporting;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One run; the driver lists every
/// rule of the catalogue with its doc as help; each result points at its file relative to
/// SRCROOT (the report's base directory, given in originalUriBaseIds), with the include chain and
/// cross-file facts as relatedLocations and a line-number-free fingerprint (see
/// <see cref="SarifFingerprints"/>). Columns are UTF-16 code units, as ConfLint counts them.
/// </summary>
public static class SarifReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string SarifVersion = "2.1.0";
    public const string ToolName = "ConfLint";
    public const string InformationUri = "https://github.com/conflint/conflint";
    public const string SourceRootId = "SRCROOT";
    public const string IncludedFromMessage = "included from here";

    private static readonly SarifJsonContext Json = new(ReportJson.Relaxed(SarifJsonContext.Default.Options));

    public static void Write(TextWriter writer, LintReport report, RuleDocLibrary? docs = null)
    {
        writer.Write(ToJson(report, docs));
        writer.WriteLine();
    }

    public static string ToJson(LintReport report, RuleDocLibrary? docs = null) =>
        JsonSerializer.Serialize(ToModel(report, docs), Json.SarifLog);

    /// <summary>The SARIF log; <paramref name="docs"/> defaults to the docs compiled into ConfLint.</summary>
    public static SarifLog ToModel(LintReport report, RuleDocLibrary? docs = null)
    {
        docs ??= RuleDocLibrary.Embedded;
        var descriptors = report.Rules
            .Concat(report.Diagnostics.Select(d => d.Descriptor))
            .DistinctBy(d => d.Id)
            .ToList();
        var ruleIndex = descriptors.Select((d, i) => (d.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var fingerprints = new SarifFingerprints();

        var results = report.Diagnostics.Select(d =>
        {
            var file = report.DisplayPath(d.Location.Path);
            int id = 0;
            var related = d.AllRelated.Select(r => new SarifLocation
            {
                Id = ++id,
                PhysicalLocation = Physical(report, r.Location),
                Message = new SarifMessage { Text = r.Message },
            }).ToList();
            return new SarifResult
            {
                RuleId = d.Id,
                RuleIndex = ruleIndex[d.Id],
                Level = d.Severity.ToSarifLevel(),
                Message = new SarifMessage { Text = d.Message },
                Locations = new List<SarifLocation> { new() { PhysicalLocation = Physical(report, d.Location) } },
                RelatedLocations = related.Count > 0 ? related : null,
                PartialFingerprints = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [SarifFingerprints.Key] = fingerprints.Next(d.Id, file, report.LineText(d.Location)),
                },
            };
        }).ToList();

        return new SarifLog
        {
            Schema = SchemaUri,
            Version = SarifVersion,
            Runs = new List<SarifRun>
            {
                new()
                {
                    Tool = new SarifTool
                    {
                        Driver = new SarifToolComponent
                        {
                            Name = ToolName,
                            InformationUri = InformationUri,
                            SemanticVersion = SemanticVersion(),
                            Rules = descriptors.Select(d => Rule(d, docs)).ToList(),
                        },
                    },
                    OriginalUriBaseIds = new Dictionary<string, SarifArtifactLocation>(StringComparer.Ordinal)
                    {
                        [SourceRootId] = new() { Uri = ReportPaths.ToFileUri(report.BaseDirectory, isDirectory: true) },
                    },
                    ColumnKind = "utf16CodeUnits",
                    Results = results,
                },
            },
        };
    }

    private static SarifReportingDescriptor Rule(DiagnosticDescriptor d, RuleDocLibrary docs)
    {
        var markdown = docs.Markdown(d.Id);
        // Code scanning files an alert under "security" only with that tag; a security-severity implies it.
        var tags = (d.IsSecurity ? new[] { "security" } : Array.Empty<string>())
            .Concat(d.Tags)
            .Append(d.Category.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new SarifReportingDescriptor
        {
            Id = d.Id,
            Name = PascalCaseName(d.Title),
            ShortDescription = new SarifMessage { Text = d.Title },
            FullDescription = new SarifMessage { Text = d.Description },
            Help = markdown is null
                ? new SarifMultiformatMessage { Text = d.Description + "\n\n" + d.HelpUri }
                : new SarifMultiformatMessage { Text = MarkdownText.Render(markdown), Markdown = markdown },
            HelpUri = d.HelpUri,
            DefaultConfiguration = new SarifReportingConfiguration { Level = d.DefaultSeverity.ToSarifLevel() },
            Properties = new SarifRuleProperties
            {
                Tags = tags,
                SecuritySeverity = d.SecuritySeverity?.ToString("0.0", CultureInfo.InvariantCulture),
                Precision = Precision(d),
            },
        };
    }

    /// <summary>
    /// Errors are facts the engine itself rejects or a definite hole ("high"); warnings and advice
    /// depend on intent the configuration cannot show ("medium").
    /// </summary>
    public static string Precision(DiagnosticDescriptor d) => d.DefaultSeverity == Severity.Error ? "high" : "medium";

    /// <summary>"Close tag does not match the open section" → "CloseTagDoesNotMatchTheOpenSection".</summary>
    public static string PascalCaseName(string title)
    {
        var sb = new StringBuilder(title.Length);
        bool startOfWord = true;
        foreach (var c in title)
        {
            if (c is '\'' or '\u2019') continue;
            if (!char.IsLetterOrDigit(c)) { startOfWord = true; continue; }
            sb.Append(startOfWord ? char.ToUpperInvariant(c) : c);
            startOfWord = false;
        }
        return sb.ToString();
    }

    private static SarifPhysicalLocation Physical(LintReport report, Location location)
    {
        SarifArtifactLocation artifact;
        if (!Path.IsPathRooted(location.Path))
            // A name that is not a file path (e.g. "<input>"): kept as a relative reference of its own.
            artifact = new SarifArtifactLocation { Uri = ReportPaths.ToRelativeUri(location.Path.Replace('\\', '/')) };
        else if (ReportPaths.Relative(report.BaseDirectory, location.Path) is { } relative)
            artifact = new SarifArtifactLocation { Uri = ReportPaths.ToRelativeUri(relative), UriBaseId = SourceRootId };
        else
            artifact = new SarifArtifactLocation { Uri = ReportPaths.ToFileUri(location.Path) };
        int startLine = Math.Max(1, location.Line);
        int startColumn = Math.Max(1, location.Column);
        int endLine = Math.Max(startLine, location.EndLine);
        int endColumn = endLine == startLine ? Math.Max(startColumn, location.EndColumn) : Math.Max(1, location.EndColumn);
        return new SarifPhysicalLocation
        {
            ArtifactLocation = artifact,
            Region = new SarifRegion { StartLine = startLine, StartColumn = startColumn, EndLine = endLine, EndColumn = endColumn },
        };
    }

    /// <summary>The assembly's informational version without build metadata (e.g. "1.2.0").</summary>
    public static string SemanticVersion()
    {
        var assembly = typeof(SarifReportWriter).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        int plus = version.IndexOf('+');
        return plus >= 0 ? version[..plus] : version;
    }
}
