using ConfLint.Diagnostics;
using ConfLint.Hosting.Model;
using ConfLint.Syntax.Ini;

namespace ConfLint.Analyzers.Chroot;

/// <summary>php.ini doc_root is set, but not to DocumentRoot with the jail prefix removed.</summary>
public sealed class CL3005DocRootMustMatchJail : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL3005",
        "doc_root does not match DocumentRoot inside the jail",
        "doc_root is '{0}', but DocumentRoot '{1}' is '{2}' inside the jail '{3}': PHP looks for scripts in the wrong place",
        "Chroot",
        Severity.Error,
        "FastCGI passes the full host path of the script; a chrooted php-cgi cannot open it, so the seed sets doc_root to the DocumentRoot as seen inside the jail (jail /www/h/o/host, DocumentRoot /www/h/o/host/html → doc_root = \"/html\"). PHP then opens doc_root + SCRIPT_NAME. Any other doc_root makes every request 'No input file specified.'.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        foreach (var vhost in model.VirtualHosts)
        {
            if (vhost.DocumentRoot is not { } docRoot) continue;
            foreach (var backend in vhost.Backends)
            {
                if (backend.Jail is not { } jail || backend.Setting("doc_root") is not { } setting || setting.Value.Length == 0) continue;
                if (HostModelBuilder.InJailPath(jail, docRoot.Value) is not { } expected) continue;
                if (Hosting.HostFileSystem.SamePath(setting.Value, expected)) continue;
                context.Report(Diagnostic.Create(Rule, setting.Location, setting.Value, docRoot.Value, expected, jail.Root)
                    .WithRelated(docRoot.Location, "the vhost's DocumentRoot")
                    .WithRelated(jail.Source, "where the jail comes from"));
            }
        }
    }
}
