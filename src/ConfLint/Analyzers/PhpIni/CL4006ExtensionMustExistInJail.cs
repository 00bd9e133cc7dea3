using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;

namespace ConfLint.Analyzers.PhpIni;

/// <summary>An extension= / zend_extension= file is not in extension_dir (inside the jail for a jailed PHP).</summary>
public sealed class CL4006ExtensionMustExistInJail : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL4006",
        "PHP extension file not found in extension_dir",
        "{0} '{1}' is not found: PHP looks for '{2}'{3}, which does not exist{4}",
        "PhpIni",
        Severity.Error,
        "PHP loads `extension=name` from extension_dir (a bare name gets `.so` appended; an absolute path is used as is). For a chrooted PHP these are paths inside the jail: the seed's eaccelerator.so must sit under the jail's extension_dir, not the host's. A missing file logs 'Unable to load dynamic library' at every start, and the feature silently does not exist.");

    /// <summary>PHP_EXTENSION_DIR of Debian's PHP 8.2 (used when php.ini sets no extension_dir).</summary>
    public const string DefaultExtensionDirectory = "/usr/lib/php/20220829";

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        if (context.Options.NoDisk) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var backend in model.Backends)
        {
            if (backend.IniFiles.IsEmpty) continue;
            var dirSetting = backend.Setting("extension_dir");
            var extensionDir = dirSetting?.Value is { Length: > 0 } d ? d : DefaultExtensionDirectory;
            foreach (var ini in backend.IniFiles)
            {
                foreach (var entry in ini.Document.Entries.Where(e => e.LoadsExtension && e.Value is { Text.Length: > 0 }))
                {
                    var name = entry.Value!.Text;
                    var inPhp = name.StartsWith('/') ? name : extensionDir.TrimEnd('/') + "/" + (name.Contains('/') || name.EndsWith(".so", StringComparison.Ordinal) ? name : name + ".so");
                    var hostPath = HostModelBuilder.ToHostPath(backend.Jail, inPhp);
                    if (!seen.Add(ini.HostPath + "\n" + entry.Span.Start + "\n" + hostPath) || model.FileExistsInJail(backend.Jail, hostPath)) continue;
                    var jailed = backend.Jail is null ? "" : $" inside the jail '{backend.Jail.Root}'";
                    var assumed = dirSetting is null && !name.StartsWith('/') ? $" (extension_dir is unset; Debian's PHP 8.2 default {DefaultExtensionDirectory} assumed)" : "";
                    var diagnostic = Diagnostic.Create(Rule, ini.Document.GetLocation(entry.Span), entry.Key, name, inPhp, jailed, assumed);
                    if (dirSetting is not null) diagnostic = diagnostic.WithRelated(dirSetting.Location, "extension_dir");
                    context.Report(diagnostic);
                }
            }
        }
    }
}
