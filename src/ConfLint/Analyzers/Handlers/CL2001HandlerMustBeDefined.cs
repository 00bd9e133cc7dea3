using System.Collections.Immutable;
using ConfLint.Diagnostics;
using ConfLint.Syntax.Apache;

namespace ConfLint.Analyzers.Handlers;

/// <summary>AddHandler/SetHandler names a handler that no Action defines and no loaded module provides.</summary>
public sealed class CL2001HandlerMustBeDefined : Analyzer<ApacheConfiguration>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL2001",
        "Handler is not defined by any Action or module",
        "handler '{0}' is not defined by any Action and no loaded module provides it: files mapped to it are served by the default handler, so PHP is not executed",
        "Handlers",
        Severity.Error,
        "A handler name is only a label: mod_actions' `Action NAME /url` or a module (cgi-script, fastcgi-script, fcgid-script, proxy:…, server-status…) must give it meaning. A misspelled or forgotten one leaves `.php` files to the default handler, which sends them as they are.");

    // Handlers the modules of httpd 2.4, mod_fastcgi, mod_fcgid and mod_php register, by module identifier.
    private static readonly (string Handler, string Module)[] ModuleHandlers =
    {
        ("cgi-script", "cgi_module"), ("cgi-script", "cgid_module"), ("fastcgi-script", "fastcgi_module"), ("fcgid-script", "fcgid_module"),
        ("server-status", "status_module"), ("server-info", "info_module"), ("send-as-is", "asis_module"), ("imap-file", "imagemap_module"),
        ("type-map", "negotiation_module"), ("balancer-manager", "proxy_balancer_module"), ("lua-script", "lua_module"),
        ("ldap-status", "ldap_module"), ("isapi-handler", "isapi_module"), ("perl-script", "perl_module"),
        ("application/x-httpd-php", "php_module"), ("application/x-httpd-php", "php7_module"), ("application/x-httpd-php", "php5_module"),
        ("php-script", "php_module"), ("php5-script", "php5_module"), ("dav-handler", "dav_module"), ("webdav", "dav_module"),
        ("cache-disk", "cache_disk_module"), ("mod_fcgid", "fcgid_module"),
    };

    private static readonly HashSet<string> CoreHandlers = new(StringComparer.OrdinalIgnoreCase) { "default-handler", "none" };

    public override DiagnosticDescriptor Descriptor => Rule;

    // Asked for every AddHandler and SetHandler of a host (thousands): a loop, not a query with closures.
    private static bool ProvidedByLoadedModule(string handler, ApacheModuleSet modules)
    {
        foreach (var (name, module) in ModuleHandlers)
            if (name.Equals(handler, StringComparison.OrdinalIgnoreCase) && modules.Contains(module)) return true;
        return false;
    }

    public override void Analyze(ApacheConfiguration config, AnalysisContext context)
    {
        var directives = config.ActiveDirectives();
        var actions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in directives)
            if (c.Directive is { Arguments.Length: > 0 } action && action.Is("Action")) actions.Add(action.Arguments[0].Value);
        foreach (var c in directives)
        {
            var d = c.Directive!;
            if (!(d.Is("AddHandler") || d.Is("SetHandler")) || d.Arguments.Length == 0) continue;
            var word = d.Arguments[0];
            var handler = word.Value;
            if (CoreHandlers.Contains(handler) || actions.Contains(handler) || handler.StartsWith("proxy:", StringComparison.OrdinalIgnoreCase)) continue;
            if (d.Is("SetHandler") && d.Arguments.Length == 1 && handler.Contains(' ')) continue;
            if (ProvidedByLoadedModule(handler, config.Modules)) continue;
            var providers = ModuleHandlers.Where(m => m.Handler.Equals(handler, StringComparison.OrdinalIgnoreCase)).Select(m => m.Module).ToList();
            var message = Rule.FormatMessage(handler) + (providers.Count > 0 ? $" (it comes from {string.Join(" or ", providers.Distinct())}, which is not loaded)" : "");
            context.Report(new Diagnostic(Rule, Rule.DefaultSeverity, d.Line.Source.GetLocation(word.Span), message, d.IncludeChain, ImmutableArray<RelatedLocation>.Empty));
        }
    }
}
