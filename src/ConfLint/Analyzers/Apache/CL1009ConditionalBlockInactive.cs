using ConfLint.Diagnostics;

namespace ConfLint.Analyzers.Apache;

/// <summary>Reported by the Apache loader for every IfModule/IfDefine block httpd skips, naming the module or define.</summary>
public sealed class CL1009ConditionalBlockInactive : IRule
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL1009",
        "Conditional block is inactive",
        "{0}",
        "Apache",
        Severity.Info,
        "With the loaded module set and defines, httpd skips this <IfModule>/<IfDefine> block unread: nothing in it takes effect. This is often intended, but a block that was meant to apply (a FastCGI handler, a security header) silently does nothing.");

    public DiagnosticDescriptor Descriptor => Rule;
}
