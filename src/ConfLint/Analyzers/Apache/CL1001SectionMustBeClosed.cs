using ConfLint.Diagnostics;

namespace ConfLint.Analyzers.Apache;

/// <summary>Reported by the Apache loader when a file ends inside a section httpd requires to be closed.</summary>
public sealed class CL1001SectionMustBeClosed : IRule
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL1001",
        "Section is never closed",
        "{0}",
        "Apache",
        Severity.Error,
        "httpd rejects a configuration file that ends while a section is still open (`<Location> was not closed.`), and a skipped <IfModule>/<IfDefine> that never finds its close tag (`Expected </IfModule> before end of configuration`). The server does not start.");

    public DiagnosticDescriptor Descriptor => Rule;
}
