using ConfLint.Analyzers;
using ConfLint.Diagnostics;
using ConfLint.Syntax.Apache;
using ConfLint.Text;

namespace ConfLint.Tests.Analyzers.Apache;

/// <summary>Loads a configuration text (no disk) and runs every Apache analyzer over it.</summary>
internal static class DirectiveRuleHarness
{
    public static IReadOnlyList<Diagnostic> Lint(string text, bool htaccess = false, params string[] modules)
    {
        var source = SourceText.From(text, htaccess ? "/srv/www/.htaccess" : "/etc/apache2/apache2.conf");
        var config = ApacheLoader.Load(source, new ApacheLoadOptions { NoDisk = true, IsHtaccess = htaccess, Modules = modules, ReadEnvvars = false });
        var bag = new DiagnosticBag();
        bag.AddRange(config.Diagnostics);
        var context = new AnalysisContext(bag, AnalysisOptions.Default);
        foreach (var analyzer in RuleCatalog.AnalyzersFor<ApacheConfiguration>()) analyzer.Analyze(config, context);
        return bag.ToList();
    }

    public static IReadOnlyList<Diagnostic> Only(string id, string text, bool htaccess = false, params string[] modules) =>
        Lint(text, htaccess, modules).Where(d => d.Id == id).ToList();

    /// <summary>A main configuration prologue loading an MPM and the given modules (Debian paths).</summary>
    public static string WithModules(string body, params string[] modules) =>
        "LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n" +
        string.Concat(modules.Select(m => $"LoadModule {m}_module /usr/lib/apache2/modules/mod_{m}.so\n")) + body;
}
