using ConfLint.Diagnostics;

namespace ConfLint.Analyzers.Apache;

/// <summary>Reported by the Apache loader for a ${VAR} that neither Define nor the environment defines.</summary>
public sealed class CL1007VariableMustBeDefined : IRule
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL1007",
        "${VAR} is not defined",
        "{0}",
        "Apache",
        Severity.Warning,
        "httpd expands `${VAR}` from Define, then the environment (Debian: /etc/apache2/envvars). An undefined variable is left as the literal text `${VAR}` with only a warning (AH00111), so a path or name silently becomes wrong.");

    public DiagnosticDescriptor Descriptor => Rule;
}
