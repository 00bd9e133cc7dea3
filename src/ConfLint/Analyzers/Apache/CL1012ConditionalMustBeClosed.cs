using ConfLint.Diagnostics;

namespace ConfLint.Analyzers.Apache;

/// <summary>Reported by the Apache loader when a true read-time conditional section is still open at the end of its file.</summary>
public sealed class CL1012ConditionalMustBeClosed : IRule
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL1012",
        "<IfModule>/<IfDefine> on an active branch is never closed",
        "{0}",
        "Apache",
        Severity.Warning,
        "httpd accepts a true <IfModule>/<IfDefine> that runs to the end of the file, but the same file fails (`Expected </IfModule> before end of configuration`) as soon as the module is unloaded or the define removed: the error is latent.");

    public DiagnosticDescriptor Descriptor => Rule;
}
