using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;
using ConfLint.Jail;

namespace ConfLint.Analyzers.Jail;

/// <summary>A device node other than null, zero, random or urandom inside a jail.</summary>
public sealed class CL7003JailDevicesMustBeHarmless : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL7003",
        "Device node other than null, zero, random or urandom inside the jail",
        "'{0}' inside the jail '{1}' is a {2} device: jailed processes that can open it reach the host's hardware or memory",
        "Jail",
        Severity.Warning,
        "A PHP jail needs /dev/null, /dev/zero, /dev/random and /dev/urandom. Any other device node (a disk, /dev/mem, a tty) gives processes in the jail a door to the host: raw disks bypass every file permission, memory devices the kernel.",
        securitySeverity: 5.0);

    private static readonly HashSet<string> Harmless = new(StringComparer.Ordinal) { "null", "zero", "random", "urandom" };

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        if (context.Options.NoDisk) return;
        foreach (var use in model.Jails)
        {
            foreach (var entry in model.JailEntries(use.Jail.Root))
            {
                if (entry.Kind is not (JailFileKind.CharacterDevice or JailFileKind.BlockDevice)) continue;
                // Only the harmless nodes directly in the jail's /dev are expected.
                var name = Path.GetFileName(entry.PathInJail);
                if (entry.PathInJail.Length == "/dev/".Length + name.Length && entry.PathInJail.StartsWith("/dev/", StringComparison.Ordinal) && Harmless.Contains(name)) continue;
                context.Report(Diagnostic.Create(Rule, use.Jail.Source, entry.HostPath, use.Jail.Root, entry.Kind == JailFileKind.BlockDevice ? "block" : "character"));
            }
        }
    }
}
