using ConfLint.Diagnostics;

namespace ConfLint.Analyzers.Input;

/// <summary>Said once per cause when a check cannot be made because the inputs lack a fact.</summary>
public sealed class CL0004CheckNeedsMissingFact : IRule
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL0004",
        "A check could not be made",
        "{0}",
        "Input",
        Severity.Info,
        "A check needs a fact that the inputs do not give (a file outside --root, an unknown module, no PCRE2 library). ConfLint does not guess: it says once, per cause, what it could not check.");

    public DiagnosticDescriptor Descriptor => Rule;
}
