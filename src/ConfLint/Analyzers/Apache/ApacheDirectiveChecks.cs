using System.Runtime.CompilerServices;
using ConfLint.Diagnostics;
using ConfLint.Syntax.Apache;
using ConfLint.Text;

namespace ConfLint.Analyzers.Apache;

/// <summary>The dictionary checks a directive line can fail, in httpd's order of precedence.</summary>
public enum DirectiveCheck
{
    /// <summary>CL1003: no loaded or known module defines the name.</summary>
    Unknown,

    /// <summary>CL1008: a known directive whose module is not loaded.</summary>
    ModuleNotLoaded,

    /// <summary>
    /// Not a finding of its own: a standalone .htaccess uses a directive of a module the inputs do not
    /// say is loaded (CL1008 cannot decide; said once as CL0004). The line's other checks still run.
    /// </summary>
    ModuleUnknown,

    /// <summary>CL1004: not allowed in the context it stands in.</summary>
    Context,

    /// <summary>CL1005: wrong number or form of arguments.</summary>
    Arguments,
}

/// <summary>One finding of the dictionary checks: at most one per directive line.</summary>
public sealed record DirectiveFinding(DirectiveCheck Check, ApacheConfigNode Node, Location Location, string Message, long EngineOrder);

/// <summary>
/// Checks every active directive and section of a configuration against the directive
/// dictionary, the way httpd's ap_walk_config_sub() and invoke_cmd() (server/config.c) do:
/// the name must belong to a loaded module (else "Invalid command"), the context must allow it
/// (req_override and the handlers' ap_check_cmd_context), the words must fit its cmd_how. Only
/// the first failure of a line is kept, as httpd stops at it. Shared by CL1003, CL1004, CL1005
/// and CL1008 and computed once per configuration.
/// </summary>
public static class ApacheDirectiveChecks
{
    // Lazy: the rules sharing the findings may run on two threads at once, and the checks are worked out once.
    private static readonly ConditionalWeakTable<ApacheConfiguration, Lazy<IReadOnlyList<DirectiveFinding>>> Cache = new();

    /// <summary>The rules that report these findings share their computation (<see cref="Analyzer{TInput}.SharedWork"/>).</summary>
    public const string SharedWorkName = "Apache directive dictionary checks";

    public const string InvalidCommandTail = "perhaps misspelled or defined by a module not included in the server configuration";

    public static IReadOnlyList<DirectiveFinding> For(ApacheConfiguration config) =>
        Cache.GetValue(config, c => new Lazy<IReadOnlyList<DirectiveFinding>>(() => Compute(c, ApacheDirectiveDictionary.Httpd24))).Value;

    /// <summary>Reports the findings of one kind through <paramref name="descriptor"/>.</summary>
    public static void Report(ApacheConfiguration config, DirectiveCheck check, DiagnosticDescriptor descriptor, AnalysisContext context)
    {
        foreach (var f in For(config))
        {
            if (f.Check != check) continue;
            context.Report(Diagnostic.Create(descriptor, f.Location, f.Message).WithIncludeChain(f.Node.IncludeChain) with { EngineOrder = f.EngineOrder });
        }
    }

    /// <summary>The directive a loaded module defines under <paramref name="name"/>, else the first known one.</summary>
    public static ApacheDirectiveInfo? Resolve(ApacheDirectiveDictionary dictionary, string name, ApacheModuleSet modules, out bool loaded) =>
        dictionary.Resolve(name, modules, out loaded);

    public static IReadOnlyList<DirectiveFinding> Compute(ApacheConfiguration config, ApacheDirectiveDictionary dictionary)
    {
        var findings = new List<DirectiveFinding>();
        // Lines the loader already rejected (nesting, Include, LoadModule…): httpd stops there first.
        var rejectedLines = config.Diagnostics
            .Where(d => d.Severity == Severity.Error)
            .Select(d => (d.Location.Path, d.Location.Line))
            .ToHashSet();
        foreach (var ctx in config.Walk())
        {
            var node = ctx.Node;
            if (rejectedLines.Count > 0 && node.Location is var at && rejectedLines.Contains((at.Path, at.Line))) continue;
            if (config.IsHtaccess && node.InHtaccess && node is ApacheConfigDirective unknownModule
                && dictionary.Resolve(unknownModule.Name, config.Modules, out var isLoaded) is { } known && !isLoaded)
                findings.Add(new DirectiveFinding(DirectiveCheck.ModuleUnknown, node, node.Source.GetLocation(unknownModule.NameToken.Span),
                    $"which modules the server loads is not known for a standalone .htaccess: whether {known.SourceFile} ({known.Module}) is loaded for '{unknownModule.Name}' was not checked; pass --module {known.Module} (or --module !{known.Module})",
                    node.WalkPhaseOrder));
            var finding = node switch
            {
                ApacheConfigDirective d => CheckDirective(config, dictionary, d, ctx),
                ApacheConfigSection s => CheckSection(config, dictionary, s, ctx),
                _ => null,
            };
            if (finding is not null) findings.Add(finding);
        }
        return findings;
    }

    private static DirectiveFinding? CheckDirective(ApacheConfiguration config, ApacheDirectiveDictionary dictionary, ApacheConfigDirective d, ApacheNodeContext ctx)
    {
        var info = Resolve(dictionary, d.Name, config.Modules, out var loaded);
        var name = CheckName(config, dictionary, d, d.Name, d.NameToken.Span, info, loaded);
        if (name is not null) return name;
        if (info is null) return null;
        var contextFinding = CheckContext(d, info, ctx, d.NameToken.Span);
        if (contextFinding is not null) return contextFinding;

        var words = new ApacheWordValues(d.Arguments);
        var message = ApacheArgumentCheck.Check(info, words, FormContext(config, ctx));
        if (message is null) return null;
        // A trailing "# …" that breaks the count is CL1011's finding (catalogue precedence).
        if (d.Arguments.Any(a => !a.IsQuoted && a.Value.StartsWith('#'))) return null;
        var span = d.Arguments.Length > 0
            ? TextSpan.FromBounds(d.Arguments[0].Span.Start, d.Arguments[^1].Span.End)
            : d.NameToken.Span;
        var hint = ApacheArgumentCheck.CheckArity(info, words) is null ? null : ArityHint(info, words.Count);
        return new DirectiveFinding(DirectiveCheck.Arguments, d, d.Source.GetLocation(span),
            hint is null ? message : $"{message} ({hint})", PhaseOrder(d, info));
    }

    /// <summary>What the form checks need to know of a whole configuration, worked out once per configuration.</summary>
    private sealed record ConfigurationFacts(IReadOnlySet<string> AuthzAliases, Func<string, bool> IsModuleLoaded);

    private static readonly ConditionalWeakTable<ApacheConfiguration, ConfigurationFacts> Facts = new();

    /// <summary>What the handler form checks need: the context, the Require group, the loaded modules, AuthzProviderAlias names.</summary>
    public static ApacheFormContext FormContext(ApacheConfiguration config, ApacheNodeContext ctx)
    {
        var facts = Facts.GetValue(config, c => new ConfigurationFacts(
            c.Walk()
                .Select(n => n.Section)
                .Where(s => s is { Kind: ApacheSectionKind.AuthzProviderAlias, Arguments.Length: >= 2 })
                .Select(s => s!.Arguments[1].Value)
                .ToHashSet(StringComparer.OrdinalIgnoreCase),
            module => c.IsHtaccess || ApacheDirectiveDictionary.IsLoaded(c.Modules, module)));
        ApacheConfigSection? group = null;
        for (int i = ctx.Sections.Length - 1; i >= 0 && group is null; i--)
        {
            if (ctx.Sections[i].Kind is ApacheSectionKind.RequireAll or ApacheSectionKind.RequireAny or ApacheSectionKind.RequireNone)
                group = ctx.Sections[i];
        }
        return new ApacheFormContext(
            ApacheDirectiveContext.Of(ctx.Sections, ctx.InHtaccess),
            group?.Kind is ApacheSectionKind.RequireAll or ApacheSectionKind.RequireNone,
            facts.IsModuleLoaded,
            facts.AuthzAliases);
    }

    private static DirectiveFinding? CheckSection(ApacheConfiguration config, ApacheDirectiveDictionary dictionary, ApacheConfigSection s, ApacheNodeContext ctx)
    {
        if (s.Kind == ApacheSectionKind.Macro) return null;
        var directiveName = "<" + s.Name;
        var info = Resolve(dictionary, directiveName, config.Modules, out var loaded);
        var name = CheckName(config, dictionary, s, directiveName, s.NameToken.Span, info, loaded);
        if (name is not null) return name;
        return info is null ? null : CheckContext(s, info, ctx, s.NameToken.Span);
    }

    // The Location of a finding is made only for a finding (the checks pass for nearly every line).
    private static DirectiveFinding? CheckName(ApacheConfiguration config, ApacheDirectiveDictionary dictionary, ApacheConfigNode node,
        string name, TextSpan nameSpan, ApacheDirectiveInfo? info, bool loaded)
    {
        if (info is not null && loaded) return null;
        var location = node.Source.GetLocation(nameSpan);
        var invalid = $"Invalid command '{name}', {InvalidCommandTail}";
        var where = node.InHtaccess
            ? " (in .htaccess every request below this directory then fails with 500 Internal Server Error; AllowOverride Nonfatal=Unknown only logs it, AH02296)"
            : "";
        if (info is null)
        {
            var nearest = dictionary.NearestName(name);
            var suggestion = "";
            if (nearest is not null)
            {
                var near = Resolve(dictionary, nearest, config.Modules, out var nearLoaded)!;
                suggestion = nearLoaded
                    ? $"; did you mean '{nearest}'?"
                    : $"; did you mean '{nearest}' (defined by {near.SourceFile}, {near.Module}, not loaded)?";
            }
            return new DirectiveFinding(DirectiveCheck.Unknown, node, location, invalid + suggestion + where, node.WalkPhaseOrder);
        }
        // A standalone .htaccess does not say which modules the server loads: not guessed.
        if (node.InHtaccess && config.IsHtaccess) return null;
        return new DirectiveFinding(DirectiveCheck.ModuleNotLoaded, node, location, ModuleNotLoadedMessage(dictionary, name, invalid), node.WalkPhaseOrder);
    }

    private static string ModuleNotLoadedMessage(ApacheDirectiveDictionary dictionary, string name, string invalid)
    {
        var all = dictionary.Lookup(name).Select(i => i.Module).Distinct().ToList();
        var modules = string.Join(" or ", all.Select(m => $"{dictionary.SourceFileOf(m)} ({m})"));
        var load = string.Join("; or ", all.Select(m => LoadHint(dictionary, m)));
        return $"{invalid}: '{name}' is defined by {modules}, which is not loaded; {load}, or wrap it in <IfModule {dictionary.SourceFileOf(all[0])}>";
    }

    /// <summary>"add 'LoadModule x_module …' (after 'LoadModule y_module …')" for a module and the modules it needs.</summary>
    public static string LoadHint(ApacheDirectiveDictionary dictionary, string module)
    {
        var info = dictionary.FindModule(module);
        if (info is null) return $"load {module} with LoadModule";
        var hint = $"add '{info.LoadModuleLine}'";
        var companions = info.Companions.Select(dictionary.FindModule).Where(c => c is not null).Select(c => $"'{c!.LoadModuleLine}'").ToList();
        if (companions.Count > 0) hint += $" (after {string.Join(" and ", companions)})";
        return hint;
    }

    private static DirectiveFinding? CheckContext(ApacheConfigNode node, ApacheDirectiveInfo info, ApacheNodeContext ctx, TextSpan nameSpan)
    {
        if (ApacheDirectiveContext.HasOwnContext(ctx.Sections)) return null;
        var context = ApacheDirectiveContext.Of(ctx.Sections, ctx.InHtaccess);
        var allowed = info.AllowedIn(context);
        // Inside a directory-like section of a .htaccess file, the file's AllowOverride check applies too.
        if (allowed && ctx.InHtaccess && context != DirectiveContexts.Htaccess) allowed = info.AllowedIn(DirectiveContexts.Htaccess);
        if (allowed) return null;
        var refusal = info.RefusalMessage(context);
        var shown = info.IsSection ? info.Name + ">" : info.Name;
        return new DirectiveFinding(DirectiveCheck.Context, node, node.Source.GetLocation(nameSpan),
            $"{refusal}: {shown} is not allowed in {ApacheDirectiveContext.Describe(context)}; it is allowed in {info.DescribeContexts()}",
            PhaseOrder(node, info));
    }

    private static long PhaseOrder(ApacheConfigNode node, ApacheDirectiveInfo info) =>
        info.Phase == DirectivePhase.Read ? node.ReadPhaseOrder : node.WalkPhaseOrder;

    private static string? ArityHint(ApacheDirectiveInfo info, int given)
    {
        if (info.Module == "actions_module" && info.Name == "Action" && given == 3) return "Action type /url [virtual]: the third word may only be 'virtual'";
        return info.Arguments switch
        {
            ArgumentKind.Flag or ArgumentKind.NoArgs => null,
            _ => $"{given} given; {info.Name} takes {Describe(info)}",
        };
    }

    /// <summary>The argument count in words: "1", "2–3", "at least 2".</summary>
    public static string Describe(ApacheDirectiveInfo info) => info.Arguments switch
    {
        ArgumentKind.Take13 => "1 or 3 arguments",
        _ when info.MaxArguments is null => $"at least {info.MinArguments} argument{(info.MinArguments == 1 ? "" : "s")}",
        _ when info.MaxArguments == info.MinArguments => $"{info.MinArguments} argument{(info.MinArguments == 1 ? "" : "s")}",
        _ => $"{info.MinArguments}–{info.MaxArguments} arguments",
    };
}
