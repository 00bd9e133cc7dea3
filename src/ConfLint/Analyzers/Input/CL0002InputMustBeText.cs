using ConfLint.Diagnostics;

namespace ConfLint.Analyzers.Input;

/// <summary>Reported when an input is binary (NUL bytes) or has a line longer than the engine reads.</summary>
public sealed class CL0002InputMustBeText : IRule
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL0002",
        "Input is not text or exceeds the engine's line limit",
        "{0}",
        "Input",
        Severity.Error,
        "An input holds NUL bytes (it is binary, not configuration) or a line longer than the engine accepts: 16 MiB in httpd's main configuration, 8192 bytes in .htaccess (HUGE_STRING_LEN).");

    public DiagnosticDescriptor Descriptor => Rule;
}
