using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;
using ConfLint.Jail;
using ConfLint.Text;

namespace ConfLint.Analyzers.Jail;

/// <summary>/dev/null, /tmp (1777), or the session or upload directory is missing inside the jail.</summary>
public sealed class CL7005JailMustHoldRuntimeDirectories : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL7005",
        "Runtime file or directory missing inside the jail",
        "{0} inside the jail '{1}': {2}",
        "Jail",
        Severity.Warning,
        "A jailed PHP writes sessions and uploads, and redirects output to /dev/null, inside the jail. Without /dev/null, a /tmp with mode 1777, and the directories session.save_path and upload_tmp_dir name (in-jail paths), sessions and uploads fail with warnings that only show up when a user logs in or uploads.");

    public override DiagnosticDescriptor Descriptor => Rule;

    // The php.ini settings that name a directory PHP writes to.
    private static readonly string[] DirectorySettings = { "session.save_path", "upload_tmp_dir" };

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        if (context.Options.NoDisk) return;
        foreach (var use in model.Jails)
        {
            var jail = use.Jail;
            var devNull = model.Lstat(jail, SharedStrings.GetPath(jail.Root, "dev/null"));
            if (devNull.Kind != JailFileKind.CharacterDevice)
                context.Report(Diagnostic.Create(Rule, jail.Source, "/dev/null is " + (devNull.Exists ? "not a character device" : "missing"), jail.Root, "output sent to /dev/null fails or lands in a file"));
            var tmp = model.Lstat(jail, SharedStrings.GetPath(jail.Root, "tmp"));
            if (tmp.Kind != JailFileKind.Directory)
                context.Report(Diagnostic.Create(Rule, jail.Source, "/tmp is missing", jail.Root, "temporary files, sessions and uploads that default to /tmp fail"));
            else if ((tmp.Mode & 0xFFF) != Convert.ToInt32("1777", 8))
                context.Report(Diagnostic.Create(Rule, jail.Source, $"/tmp has mode {tmp.OctalMode}, not 1777", jail.Root, "processes of the jail cannot all create temporary files safely"));
            if (use.Backend is not { } backend) continue;
            foreach (var name in DirectorySettings)
            {
                if (backend.Setting(name) is not { Value.Length: > 0 } setting) continue;
                // session.save_path may be "N;MODE;/path": the directory is the last part.
                var path = setting.Value[(setting.Value.LastIndexOf(';') + 1)..];
                if (!path.StartsWith('/')) continue;
                if (model.Lstat(jail, HostModelBuilder.ToHostPath(jail, path)).Kind == JailFileKind.Directory) continue;
                context.Report(new Diagnostic(Rule, Rule.DefaultSeverity, setting.Location,
                    Rule.FormatMessage($"{name} '{path}' does not exist", jail.Root, name == "upload_tmp_dir" ? "uploads fail" : "sessions cannot be saved"),
                    System.Collections.Immutable.ImmutableArray<Location>.Empty, System.Collections.Immutable.ImmutableArray<RelatedLocation>.Empty)
                    .WithRelated(jail.Source, "where the jail comes from"));
            }
        }
    }
}
