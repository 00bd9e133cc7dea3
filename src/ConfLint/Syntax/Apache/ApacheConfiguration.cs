using System.Collections.Immutable;
using ConfLint.Diagnostics;
using ConfLint.Text;

namespace ConfLint.Syntax.Apache;

/// <summary>
/// A node of the configuration as httpd read it: a directive or a section, in httpd's read order,
/// with the file and line it came from and the chain of Include lines that led there.
/// </summary>
public abstract class ApacheConfigNode
{
    private protected ApacheConfigNode(ApacheLogicalLine line, ImmutableArray<Location> includeChain, bool isActive, long readOrder, bool inHtaccess)
    {
        Line = line;
        IncludeChain = includeChain;
        IsActive = isActive;
        ReadOrder = readOrder;
        InHtaccess = inHtaccess;
    }

    /// <summary>The logical line (for a mod_macro expansion: the macro body line, with the substituted text).</summary>
    public ApacheLogicalLine Line { get; }

    public SourceText Source => Line.Source;

    /// <summary>The trimmed logical line in its file.</summary>
    public Location Location => Line.Location;

    /// <summary>
    /// The line number httpd names in its messages: the last physical line of a continued line;
    /// for a line from a mod_macro Use, its line within the macro body.
    /// </summary>
    public int HttpdLineNumber => MacroLineNumber ?? Line.LastLine;

    /// <summary>
    /// The file name httpd gives this line: its path, or for a mod_macro expansion
    /// <c>macro 'name' (defined on line N of "F") used on line M of "G"</c>.
    /// </summary>
    public string HttpdFileName => MacroFileName ?? Source.HostPath;

    internal string? MacroFileName { get; set; }

    internal int? MacroLineNumber { get; set; }

    /// <summary>The Include (or mod_macro Use) lines that brought this node in, innermost first.</summary>
    public ImmutableArray<Location> IncludeChain { get; }

    /// <summary>False inside a conditional block httpd skips (false IfModule/IfDefine/…) and inside a Macro definition.</summary>
    public bool IsActive { get; }

    /// <summary>Position in httpd's read order (one step per logical line read, across all files).</summary>
    public long ReadOrder { get; }

    /// <summary>True when the node comes from a .htaccess file.</summary>
    public bool InHtaccess { get; }

    /// <summary>The nearest enclosing section (across Include), null at top level.</summary>
    public ApacheConfigSection? Parent { get; internal set; }

    /// <summary>EngineOrder of an error httpd reports about this node while walking the tree (unknown directive, arguments).</summary>
    public long WalkPhaseOrder => ApacheEngineOrder.WalkPhase(ReadOrder);

    /// <summary>EngineOrder of an error httpd reports about this node while reading (EXEC_ON_READ directives, nesting).</summary>
    public long ReadPhaseOrder => ApacheEngineOrder.ReadPhase(ReadOrder);

    /// <summary>The enclosing sections, outermost first.</summary>
    public ImmutableArray<ApacheConfigSection> EnclosingSections
    {
        get
        {
            var list = new List<ApacheConfigSection>();
            for (var p = Parent; p is not null; p = p.Parent) list.Add(p);
            list.Reverse();
            return list.ToImmutableArray();
        }
    }
}

/// <summary>A directive with its arguments after <c>${VAR}</c> expansion.</summary>
public sealed class ApacheConfigDirective : ApacheConfigNode
{
    internal ApacheConfigDirective(ApacheLogicalLine line, ImmutableArray<Location> includeChain, bool isActive, long readOrder, bool inHtaccess,
        ApacheWord nameToken, ImmutableArray<ApacheWord> arguments, string argumentText, ApacheDirectiveSyntax? syntax)
        : base(line, includeChain, isActive, readOrder, inHtaccess)
    {
        NameToken = nameToken;
        Arguments = arguments;
        ArgumentText = argumentText;
        Syntax = syntax;
    }

    public ApacheWord NameToken { get; }

    /// <summary>The name as written (compare case-insensitively).</summary>
    public string Name => NameToken.Value;

    /// <summary>Arguments as ap_getword_conf splits the expanded line.</summary>
    public ImmutableArray<ApacheWord> Arguments { get; }

    /// <summary>The raw argument text after expansion (what RAW_ARGS directives such as RewriteRule receive).</summary>
    public string ArgumentText { get; }

    /// <summary>The directive in its file's syntax tree (null for lines produced by a mod_macro Use).</summary>
    public ApacheDirectiveSyntax? Syntax { get; }

    /// <summary>True for directives httpd runs while reading (Include, Define, LoadModule, ServerRoot, Use…); the tree walk skips them.</summary>
    public bool IsExecutedOnRead { get; internal set; }

    /// <summary>
    /// For Include/IncludeOptional: the nodes read from the included files, in order. (mod_macro's
    /// Use feeds its expanded body into the reader like more lines of the same file, as httpd does:
    /// those nodes follow the Use line as its siblings, with the Use line first in their IncludeChain.)
    /// </summary>
    public IReadOnlyList<ApacheConfigNode> Expansion => (IReadOnlyList<ApacheConfigNode>?)_expansion ?? Array.Empty<ApacheConfigNode>();

    // Nearly every directive includes nothing: both lists are made by the Include that reads a file.
    private List<ApacheConfigNode>? _expansion;
    private List<ApacheConfigFile>? _includedFiles;

    internal List<ApacheConfigNode> ExpansionList => _expansion ??= new();

    /// <summary>For Include/IncludeOptional: the files read, in order.</summary>
    public IReadOnlyList<ApacheConfigFile> IncludedFiles => (IReadOnlyList<ApacheConfigFile>?)_includedFiles ?? Array.Empty<ApacheConfigFile>();

    internal void AddIncludedFile(ApacheConfigFile file) => (_includedFiles ??= new()).Add(file);

    /// <summary>For RewriteRule/RewriteCond: the expanded arguments as parseargline splits them.</summary>
    public ApacheRewriteArgs? RewriteArguments => ApacheDirectiveSyntax.IsRewriteDirective(Name) ? ApacheRewriteArgs.Parse(ArgumentText) : null;

    public bool Is(string name) => Name.Equals(name, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Name} {ArgumentText}";
}

/// <summary>A section (<c>&lt;Name args&gt;</c> … <c>&lt;/Name&gt;</c>) with its children.</summary>
public sealed class ApacheConfigSection : ApacheConfigNode
{
    internal ApacheConfigSection(ApacheLogicalLine line, ImmutableArray<Location> includeChain, bool isActive, long readOrder, bool inHtaccess,
        ApacheWord nameToken, string name, ImmutableArray<ApacheWord> arguments, string argumentText, bool hasClosingBracket, ApacheSectionSyntax? syntax)
        : base(line, includeChain, isActive, readOrder, inHtaccess)
    {
        NameToken = nameToken;
        Name = name;
        Kind = ApacheSectionKinds.FromName(name);
        Arguments = arguments;
        ArgumentText = argumentText;
        HasClosingBracket = hasClosingBracket;
        Syntax = syntax;
    }

    /// <summary>The open tag's first word (<c>&lt;Directory</c>).</summary>
    public ApacheWord NameToken { get; }

    /// <summary>The section name without brackets (<c>Directory</c>).</summary>
    public string Name { get; }

    public ApacheSectionKind Kind { get; }

    /// <summary>The words between the name and the last <c>&gt;</c>, after <c>${VAR}</c> expansion.</summary>
    public ImmutableArray<ApacheWord> Arguments { get; }

    public string ArgumentText { get; }

    public bool HasClosingBracket { get; }

    /// <summary>The text after the name word as httpd stores it for the section (<c>/x&gt;</c>; <c>&gt;</c> when there is none).</summary>
    public string HttpdArguments { get; internal set; } = ">";

    public ApacheSectionSyntax? Syntax { get; }

    public IReadOnlyList<ApacheConfigNode> Children => _children;

    internal readonly List<ApacheConfigNode> _children = new();

    /// <summary>The close tag line, null when the section was never closed.</summary>
    public Location? CloseLocation => CloseLine?.Location;

    // The Location is made when asked for: most sections are closed, few are ever reported.
    internal ApacheLogicalLine? CloseLine { get; set; }

    /// <summary>For IfModule/IfDefine/IfVersion/IfFile/IfDirective/IfSection: whether httpd reads the body; null when undecidable.</summary>
    public bool? Condition { get; internal set; }

    /// <summary>For a read-time conditional: what was tested, e.g. "module rewrite_module is not loaded".</summary>
    public string? ConditionReason { get; internal set; }

    /// <summary>True when the children are read (an active section whose condition, if any, holds).</summary>
    public bool IsBodyActive { get; internal set; }

    public bool Is(string name) => Name.Equals(name, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"<{Name} {ArgumentText}>";
}

/// <summary>A file read into the configuration, and the Include line that brought it in.</summary>
public sealed record ApacheConfigFile(string HostPath, SourceText Text, ApacheSyntaxTree Syntax, int Depth, Location? IncludedFrom, int? IncludedFromHttpdLine, ImmutableArray<Location> IncludeChain);

/// <summary>A directive or section with what encloses it, as a tree walk sees it.</summary>
public readonly record struct ApacheNodeContext(ApacheConfigNode Node, ImmutableArray<ApacheConfigSection> Sections, bool IsActive, bool InHtaccess)
{
    public ApacheConfigDirective? Directive => Node as ApacheConfigDirective;

    public ApacheConfigSection? Section => Node as ApacheConfigSection;

    /// <summary>The innermost enclosing section of a kind, or null.</summary>
    public ApacheConfigSection? Enclosing(ApacheSectionKind kind)
    {
        for (int i = Sections.Length - 1; i >= 0; i--) if (Sections[i].Kind == kind) return Sections[i];
        return null;
    }
}

/// <summary>
/// An Apache httpd configuration as httpd reads it (main config and its Includes, or a standalone
/// .htaccess): the resolved node tree in read order, the files, the modules loaded, the defines,
/// and what was found while reading.
/// </summary>
public sealed class ApacheConfiguration
{
    internal ApacheConfiguration(string mainHostPath, bool isHtaccess, IReadOnlyList<ApacheConfigNode> nodes, IReadOnlyList<ApacheConfigFile> files,
        ApacheModuleSet modules, IReadOnlyDictionary<string, string> variables, IReadOnlyList<string> defines, string serverRoot,
        ImmutableArray<Diagnostic> diagnostics)
    {
        MainHostPath = mainHostPath;
        IsHtaccess = isHtaccess;
        Nodes = nodes;
        Files = files;
        Modules = modules;
        Variables = variables;
        Defines = defines;
        ServerRoot = serverRoot;
        Diagnostics = diagnostics;
    }

    public string MainHostPath { get; }

    public bool IsHtaccess { get; }

    /// <summary>Top-level nodes of the main file, in read order (Include/Use expansions hang under their directive).</summary>
    public IReadOnlyList<ApacheConfigNode> Nodes { get; }

    /// <summary>Every file read, in read order, main file first.</summary>
    public IReadOnlyList<ApacheConfigFile> Files { get; }

    /// <summary>The modules loaded at the end of reading (built-ins, LoadModule, request).</summary>
    public ApacheModuleSet Modules { get; }

    /// <summary>Define's variable table at the end of reading (name → value).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>The names IfDefine tests (-D and Define), at the end of reading.</summary>
    public IReadOnlyList<string> Defines { get; }

    /// <summary>The ServerRoot in effect at the end of reading (host path).</summary>
    public string ServerRoot { get; }

    /// <summary>What the loader found while reading (CL1001, CL1002, CL1006, CL1007, CL1009, CL1012, CL1013, CL0001…).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// Every node in httpd's tree order with its enclosing sections, descending into sections and
    /// into Include/Use expansions. Inactive nodes (false conditionals, Macro bodies) are included
    /// only when asked for.
    /// </summary>
    public IEnumerable<ApacheNodeContext> Walk(bool includeInactive = false) => includeInactive ? WalkTree(includeInactive: true) : ActiveWalk();

    /// <summary>The walk of the active nodes (<see cref="Walk"/>), made once: an array that is never to be changed.</summary>
    internal ApacheNodeContext[] ActiveWalk() =>
        Volatile.Read(ref _activeWalk) ?? Interlocked.CompareExchange(ref _activeWalk, MakeActiveWalk(), null) ?? _activeWalk!;

    // The walk's nodes are counted first, so that it is made in an array of its size (a large host's walk is some 100,000
    // nodes: made by growing, twice that was allocated and dropped).
    private ApacheNodeContext[] MakeActiveWalk()
    {
        var walk = new ApacheNodeContext[CountActive(Nodes)];
        int filled = 0;
        foreach (var context in WalkTree(includeInactive: false)) walk[filled++] = context;
        return walk;

        // The nodes WalkTree gives: each active node, then (a section's) its children or (a directive's) its expansion.
        static int CountActive(IReadOnlyList<ApacheConfigNode> nodes)
        {
            int count = 0;
            for (int i = 0; i < nodes.Count; i++)
            {
                var node = nodes[i];
                if (!node.IsActive) continue;
                count++;
                if (node is ApacheConfigSection section) count += CountActive(section.Children);
                else if (node is ApacheConfigDirective directive) count += CountActive(directive.Expansion);
            }
            return count;
        }
    }

    // The walk of the active nodes, made once: the model and a dozen rules walk the whole configuration, each making the same
    // section lists along the way. (Two threads may both make it at first; the walks are equal, and the first one is kept.)
    private ApacheNodeContext[]? _activeWalk;

    private IEnumerable<ApacheNodeContext> WalkTree(bool includeInactive)
    {
        var stack = new Stack<(ApacheConfigNode Node, ImmutableArray<ApacheConfigSection> Sections)>();
        for (int i = Nodes.Count - 1; i >= 0; i--) stack.Push((Nodes[i], ImmutableArray<ApacheConfigSection>.Empty));
        while (stack.Count > 0)
        {
            var (node, sections) = stack.Pop();
            if (!node.IsActive && !includeInactive) continue;
            yield return new ApacheNodeContext(node, sections, node.IsActive, node.InHtaccess);
            if (node is ApacheConfigSection section)
            {
                var inner = sections.Add(section);
                for (int i = section.Children.Count - 1; i >= 0; i--) stack.Push((section.Children[i], inner));
            }
            else if (node is ApacheConfigDirective directive)
            {
                for (int i = directive.Expansion.Count - 1; i >= 0; i--) stack.Push((directive.Expansion[i], sections));
            }
        }
    }

    /// <summary>Every active directive (not sections) with its context, in tree order.</summary>
    public IReadOnlyList<ApacheNodeContext> ActiveDirectives()
    {
        if (Volatile.Read(ref _activeDirectives) is { } made) return made;
        var walk = ActiveWalk();
        int count = 0;
        foreach (var context in walk)
            if (context.Node is ApacheConfigDirective) count++;
        var directives = new ApacheNodeContext[count];
        count = 0;
        foreach (var context in walk)
            if (context.Node is ApacheConfigDirective) directives[count++] = context;
        return Interlocked.CompareExchange(ref _activeDirectives, directives, null) ?? _activeDirectives!;
    }

    // Made once, as the walk is: several rules look at every directive.
    private ApacheNodeContext[]? _activeDirectives;

    /// <summary>The active &lt;VirtualHost&gt; sections in read order.</summary>
    public IEnumerable<ApacheConfigSection> VirtualHosts =>
        Walk().Select(c => c.Node).OfType<ApacheConfigSection>().Where(s => s.Kind == ApacheSectionKind.VirtualHost);
}

/// <summary>
/// EngineOrder values for Apache diagnostics. httpd reports errors found while reading
/// (ap_build_config: EXEC_ON_READ directives such as Include, Define, IfModule, LoadModule,
/// ServerRoot, Macro, and section nesting) before any error found while walking the tree
/// (ap_process_config_tree: unknown directives, argument errors), whatever their lines. So the
/// phase comes first, then the position in read order.
/// </summary>
public static class ApacheEngineOrder
{
    public const long PhaseSize = 1_000_000_000L;

    public static long ReadPhase(long readOrder) => readOrder;

    public static long WalkPhase(long readOrder) => PhaseSize + readOrder;
}
