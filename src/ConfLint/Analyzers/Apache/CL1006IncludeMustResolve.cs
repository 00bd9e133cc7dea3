using ConfLint.Diagnostics;

namespace ConfLint.Analyzers.Apache;

/// <summary>Reported by the Apache loader when an Include cannot be read as httpd would read it.</summary>
public sealed class CL1006IncludeMustResolve : IRule
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL1006",
        "Include target is missing, matches nothing, or recurses",
        "{0}",
        "Apache",
        Severity.Error,
        "`Include` (unlike `IncludeOptional`) fails the whole configuration when its file is missing, its wildcard matches nothing, a directory cannot be opened, or includes nest deeper than 128 (an include cycle): httpd says `Could not open configuration file …`, `No matches for the wildcard …` or `Exceeded maximum include depth of 128`.");

    public DiagnosticDescriptor Descriptor => Rule;
}
