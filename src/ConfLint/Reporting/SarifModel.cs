using System.Text.Json.Serialization;

namespace ConfLint.Reporting;

// The subset of the SARIF 2.1.0 object model that ConfLint writes (names as in the OASIS schema).

public sealed class SarifLog
{
    [JsonPropertyName("$schema")]
    public required string Schema { get; init; }
    public required string Version { get; init; }
    public required List<SarifRun> Runs { get; init; }
}

public sealed class SarifRun
{
    public required SarifTool Tool { get; init; }
    public required Dictionary<string, SarifArtifactLocation> OriginalUriBaseIds { get; init; }
    public required string ColumnKind { get; init; }
    public required List<SarifResult> Results { get; init; }
}

public sealed class SarifTool
{
    public required SarifToolComponent Driver { get; init; }
}

public sealed class SarifToolComponent
{
    public required string Name { get; init; }
    public string? InformationUri { get; init; }
    public string? SemanticVersion { get; init; }
    public required List<SarifReportingDescriptor> Rules { get; init; }
}

public sealed class SarifReportingDescriptor
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public SarifMessage? ShortDescription { get; init; }
    public SarifMessage? FullDescription { get; init; }
    public SarifMultiformatMessage? Help { get; init; }
    public string? HelpUri { get; init; }
    public SarifReportingConfiguration? DefaultConfiguration { get; init; }
    public SarifRuleProperties? Properties { get; init; }
}

public sealed class SarifMessage
{
    public required string Text { get; init; }
}

public sealed class SarifMultiformatMessage
{
    public required string Text { get; init; }
    public string? Markdown { get; init; }
}

public sealed class SarifReportingConfiguration
{
    public required string Level { get; init; }
}

/// <summary>The rule property bag GitHub code scanning reads: tags, security-severity, precision.</summary>
public sealed class SarifRuleProperties
{
    public required List<string> Tags { get; init; }

    [JsonPropertyName("security-severity")]
    public string? SecuritySeverity { get; init; }

    public string? Precision { get; init; }
}

public sealed class SarifResult
{
    public required string RuleId { get; init; }
    public required int RuleIndex { get; init; }
    public required string Level { get; init; }
    public required SarifMessage Message { get; init; }
    public required List<SarifLocation> Locations { get; init; }
    public List<SarifLocation>? RelatedLocations { get; init; }
    public required Dictionary<string, string> PartialFingerprints { get; init; }
}

public sealed class SarifLocation
{
    public int? Id { get; init; }
    public required SarifPhysicalLocation PhysicalLocation { get; init; }
    public SarifMessage? Message { get; init; }
}

public sealed class SarifPhysicalLocation
{
    public required SarifArtifactLocation ArtifactLocation { get; init; }
    public SarifRegion? Region { get; init; }
}

public sealed class SarifArtifactLocation
{
    public required string Uri { get; init; }
    public string? UriBaseId { get; init; }
}

public sealed class SarifRegion
{
    public required int StartLine { get; init; }
    public required int StartColumn { get; init; }
    public required int EndLine { get; init; }
    public required int EndColumn { get; init; }
}

/// <summary>Compile-time serialization metadata: no reflection, safe under trimming and AOT.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(SarifLog))]
public sealed partial class SarifJsonContext : JsonSerializerContext;
