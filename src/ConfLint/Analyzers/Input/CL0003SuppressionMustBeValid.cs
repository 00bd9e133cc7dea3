using ConfLint.Diagnostics;

namespace ConfLint.Analyzers.Input;

/// <summary>Reported for a `conflint-ignore` comment that names an unknown rule or gives no reason.</summary>
public sealed class CL0003SuppressionMustBeValid : IRule
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL0003",
        "Inline suppression names an unknown rule or has no reason",
        "{0}",
        "Input",
        Severity.Warning,
        "A `conflint-ignore CLnnnn reason` comment suppresses the named rules on the next line. It must name known rule IDs and say why, so the next admin knows the finding was judged and not hidden.");

    public DiagnosticDescriptor Descriptor => Rule;
}
