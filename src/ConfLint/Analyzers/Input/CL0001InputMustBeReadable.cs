using ConfLint.Diagnostics;

namespace ConfLint.Analyzers.Input;

/// <summary>Reported by every front end when a file it was told to read cannot be read.</summary>
public sealed class CL0001InputMustBeReadable : IRule
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL0001",
        "Input cannot be read",
        "cannot read '{0}': {1}",
        "Input",
        Severity.Error,
        "A named input file or directory cannot be read: it is missing, permission is denied, or it is a directory where a file is needed. Nothing in it was checked.");

    public DiagnosticDescriptor Descriptor => Rule;
}
