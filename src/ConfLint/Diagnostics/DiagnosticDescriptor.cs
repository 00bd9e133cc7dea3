using System.Collections.Immutable;
using System.Globalization;

namespace ConfLint.Diagnostics;

/// <summary>
/// What a rule is: its stable ID, title, message format (composite format, {0}…), category,
/// default severity, full description, tags and, for security rules, the security-severity
/// score GitHub code scanning reads.
/// </summary>
public sealed record DiagnosticDescriptor(
    string Id,
    string Title,
    string MessageFormat,
    string Category,
    Severity DefaultSeverity,
    string Description,
    ImmutableArray<string> Tags,
    double? SecuritySeverity = null)
{
    /// <summary>Base of the rule documentation links; each rule's doc is rules/ID.md in the repository.</summary>
    public const string HelpUriBase = "https://github.com/conflint/conflint/blob/main/rules/";

    public string HelpUri => HelpUriBase + Id + ".md";

    public bool IsSecurity => SecuritySeverity is not null;

    public string FormatMessage(params object?[] args) =>
        args.Length == 0 ? MessageFormat : Text.SharedStrings.Get(string.Format(CultureInfo.InvariantCulture, MessageFormat, args));

    /// <summary>Shorthand used by rule files: tags are given as a space-separated list.</summary>
    public static DiagnosticDescriptor Create(string id, string title, string messageFormat, string category,
        Severity severity, string description, string tags = "", double? securitySeverity = null)
    {
        var tagList = tags.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (securitySeverity is not null && !tagList.Contains("security")) tagList.Insert(0, "security");
        return new DiagnosticDescriptor(id, title, messageFormat, category, severity, description,
            tagList.ToImmutableArray(), securitySeverity);
    }
}
