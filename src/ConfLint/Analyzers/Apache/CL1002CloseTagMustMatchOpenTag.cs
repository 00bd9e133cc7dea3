using ConfLint.Diagnostics;

namespace ConfLint.Analyzers.Apache;

/// <summary>Reported by the Apache loader for a close tag that names another section or has no open section.</summary>
public sealed class CL1002CloseTagMustMatchOpenTag : IRule
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL1002",
        "Close tag does not match the open section",
        "{0}",
        "Apache",
        Severity.Error,
        "A close tag must name the innermost open section exactly (compared case-insensitively, `</Name>` with nothing else on the line). httpd stops with `Expected </Directory> but saw </Directry>` or `</Location> without matching <Location> section`.");

    public DiagnosticDescriptor Descriptor => Rule;
}
