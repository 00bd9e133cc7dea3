using ConfLint.Diagnostics;

namespace ConfLint.Analyzers.Apache;

/// <summary>Reported by the Apache loader for a LoadModule of a missing file, a built-in module, or a module already loaded.</summary>
public sealed class CL1013LoadModuleMustLoad : IRule
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL1013",
        "LoadModule cannot load this module",
        "{0}",
        "Apache",
        Severity.Error,
        "`LoadModule` fails when the shared object does not exist (`Cannot load … into server: … No such file or directory`) or names a module compiled into httpd (`module version_module is built-in and can't be loaded`); loading a module twice is skipped with a warning (AH01574) and usually means two .load files or a copy-paste.");

    public DiagnosticDescriptor Descriptor => Rule;
}
