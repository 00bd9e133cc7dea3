using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;
using ConfLint.Jail;

namespace ConfLint.Analyzers.Jail;

/// <summary>A library the jailed PHP binary needs (DT_NEEDED, or its ELF interpreter) is missing inside the jail.</summary>
public sealed class CL7004JailedPhpLibrariesMustExist : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL7004",
        "Library of the jailed PHP binary is missing inside the jail",
        "'{0}', needed by {1}, is not inside the jail '{2}' (searched {3}): PHP cannot start after chroot",
        "Jail",
        Severity.Error,
        "After chroot the dynamic loader looks for the PHP binary's ELF interpreter (ld-linux) and every DT_NEEDED library, transitively, inside the jail only: RPATH/RUNPATH, the jail's /etc/ld.so.conf and the default library directories. One missing library and php-cgi dies before it serves a request ('error while loading shared libraries').");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        if (context.Options.NoDisk) return;
        var seen = new HashSet<(string, string)>();
        foreach (var backend in model.Backends)
        {
            if (backend.Jail is not { } jail || backend.PhpBinary is not { } php || !php.Value.StartsWith('/')) continue;
            if (!seen.Add((jail.Root, php.Value)) || backend.PhpBinaryHostPath is not { } hostPath || !model.FileExistsInJail(jail, hostPath)) continue;
            var resolver = new JailLibraryResolver(model.FileSystem, jail.Root);
            foreach (var missing in resolver.FindMissing(php.Value))
            {
                var searched = missing.SearchedDirectories.Count > 4
                    ? string.Join(", ", missing.SearchedDirectories.Take(4)) + ", …"
                    : string.Join(", ", missing.SearchedDirectories);
                context.Report(Diagnostic.Create(Rule, php.Location, missing.Name, missing.NeededBy, jail.Root, searched)
                    .WithRelated(jail.Source, "where the jail comes from"));
            }
        }
    }
}
