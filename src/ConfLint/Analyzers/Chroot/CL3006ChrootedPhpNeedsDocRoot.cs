using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.Chroot;

/// <summary>A chrooted php-cgi has no doc_root, and the jail does not mirror its own host path.</summary>
public sealed class CL3006ChrootedPhpNeedsDocRoot : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL3006",
        "Chrooted php-cgi has no doc_root",
        "the chrooted PHP of {0} has no doc_root{1}: FastCGI sends the host path '{2}', which does not exist inside the jail '{3}' → 'No input file specified.'",
        "Chroot",
        Severity.Error,
        "mod_fastcgi and mod_fcgid do not know the wrapper chroots: they send SCRIPT_FILENAME as a full host path. Inside the jail that path does not exist unless doc_root (php.ini or `-d doc_root=`) makes PHP open doc_root + SCRIPT_NAME instead, or the jail mirrors its own host path (e.g. a symlink <jail>/<jail path> → /).");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        foreach (var vhost in model.VirtualHosts)
        {
            if (vhost.DocumentRoot is not { } docRoot) continue;
            foreach (var backend in vhost.Backends)
            {
                if (backend.Kind is not (PhpBackendKind.ModFastcgi or PhpBackendKind.ModFcgid) || backend.Jail is not { } jail) continue;
                if (backend.PhpBinary is null || backend.IniResolution is null) continue;
                if (backend.Setting("doc_root") is { Value.Length: > 0 }) continue;
                if (MirrorsHostPath(model, jail)) continue;
                var ini = backend.IniResolution.LoadedFile;
                var where = ini is null ? " (PHP loads no php.ini)" : $" in {ini}";
                var at = backend.IniFiles.Length > 0 ? backend.IniFiles[0].Text.GetLineLocation(1) : backend.PhpBinary.Location;
                var d = Diagnostic.Create(Rule, at, vhost.DisplayName, where, docRoot.Value, jail.Root)
                    .WithRelated(docRoot.Location, "the vhost's DocumentRoot")
                    .WithRelated(jail.Source, "where the jail comes from");
                if (backend.IniFiles.Length > 0) d = d.WithRelated(backend.PhpBinary.Location, "the PHP the wrapper starts");
                context.Report(d);
            }
        }
    }

    // A jail that holds its own host path (a symlink <jail><jail> → / or a copy) lets the full path resolve after chroot.
    // The walk's Missing also means lstat finds nothing: a directory on the way lacks the name, or is not a directory.
    private static bool MirrorsHostPath(HostModel model, JailModel jail) => model.ProbeInJail(jail, jail.Root + jail.Root) switch
    {
        ConfLint.Jail.JailPathAnswer.Missing => false,
        ConfLint.Jail.JailPathAnswer.Unknown => model.FileSystem.Exists(jail.Root + jail.Root) || IsLinkToRoot(model, jail.Root + jail.Root),
        _ => true,
    };

    private static bool IsLinkToRoot(HostModel model, string hostPath)
    {
        var info = model.Inspector.Lstat(hostPath);
        return info.Kind == ConfLint.Jail.JailFileKind.Symlink && info.LinkTarget is "/" or "../" or "..";
    }
}
