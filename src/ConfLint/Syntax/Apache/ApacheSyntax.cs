using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ConfLint.Text;

namespace ConfLint.Syntax.Apache;

/// <summary>A node of an Apache configuration file: one logical line, or a section with its children.</summary>
public abstract class ApacheSyntaxNode
{
    protected ApacheSyntaxNode(ApacheLogicalLine line) => Line = line;

    /// <summary>The logical line (for a section: its open tag line).</summary>
    public ApacheLogicalLine Line { get; }

    /// <summary>The whole logical line in the file, continuation lines included.</summary>
    public virtual TextSpan Span => Line.Span;

    public Location Location => Line.Source.GetLocation(Line.TextSpan);
}

/// <summary>A comment line (<c>#</c> first after trimming); httpd ignores it entirely.</summary>
public sealed class ApacheCommentSyntax : ApacheSyntaxNode
{
    internal ApacheCommentSyntax(ApacheLogicalLine line) : base(line) { }

    public string Text => Line.Text;
}

/// <summary>
/// A directive line: its name token and argument words as ap_getword_conf reads them from the
/// raw line (before <c>${VAR}</c> expansion), plus the facts about what httpd does with them.
/// </summary>
public sealed class ApacheDirectiveSyntax : ApacheSyntaxNode
{
    internal ApacheDirectiveSyntax(ApacheLogicalLine line, ApacheWord nameToken, ImmutableArray<ApacheWord> arguments, int argumentsStart)
        : base(line)
    {
        NameToken = nameToken;
        Arguments = arguments;
        // A single word that runs to the end of the line is the argument text itself: one string serves both.
        int argumentsLength = line.Text.Length - Math.Min(argumentsStart, line.Text.Length);
        ArgumentText = arguments.Length == 1 && arguments[0].Raw.Length == argumentsLength
            ? arguments[0].Raw
            : SharedStrings.Get(line.Text.AsSpan(line.Text.Length - argumentsLength));
        int hash = -1;
        for (int i = 0; i < arguments.Length; i++)
        {
            if (!arguments[i].IsQuoted && arguments[i].Value.StartsWith('#')) { hash = i; break; }
        }
        TrailingCommentIndex = hash < 0 ? null : hash;
        if (IsRewriteDirective(Name))
            RewriteArguments = ApacheRewriteArgs.Parse(line.Text, Math.Min(argumentsStart, line.Text.Length));
    }

    public ApacheWord NameToken { get; }

    /// <summary>The directive name as written; httpd compares names case-insensitively.</summary>
    public string Name => NameToken.Value;

    /// <summary>The arguments split by ap_getword_conf.</summary>
    public ImmutableArray<ApacheWord> Arguments { get; }

    /// <summary>The raw argument text after the name (what RAW_ARGS directives receive).</summary>
    public string ArgumentText { get; }

    /// <summary>
    /// Index of the first unquoted argument that starts with <c>#</c>: text that looks like a trailing
    /// comment but which httpd passes to the directive as arguments (it has no trailing comments).
    /// </summary>
    public int? TrailingCommentIndex { get; }

    public bool HasTrailingComment => TrailingCommentIndex is not null;

    /// <summary>The span from the <c>#</c> word to the end of the line.</summary>
    public TextSpan? TrailingCommentSpan => TrailingCommentIndex is int i
        ? TextSpan.FromBounds(Arguments[i].Span.Start, Line.TextSpan.End)
        : null;

    /// <summary>For RewriteRule/RewriteCond: the arguments as mod_rewrite's parseargline splits them.</summary>
    public ApacheRewriteArgs? RewriteArguments { get; }

    /// <summary>
    /// For RewriteRule/RewriteCond: the span of text after the third argument, which mod_rewrite
    /// ignores without a word.
    /// </summary>
    public TextSpan? IgnoredRewriteTail => RewriteArguments?.IgnoredTailStart is int t
        ? TextSpan.FromBounds(Line.ToSourceOffset(t), Line.TextSpan.End)
        : null;

    /// <summary>RewriteRule and RewriteCond split their arguments with parseargline (RewriteMap is TAKE23: ap_getword_conf).</summary>
    public static bool IsRewriteDirective(string name) =>
        name.Equals("RewriteRule", StringComparison.OrdinalIgnoreCase) || name.Equals("RewriteCond", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A close tag line (<c>&lt;/Name&gt;</c>).</summary>
public sealed class ApacheCloseTagSyntax : ApacheSyntaxNode
{
    internal ApacheCloseTagSyntax(ApacheLogicalLine line, ApacheWord token, string name) : base(line)
    {
        Token = token;
        Name = name;
    }

    public ApacheWord Token { get; }

    /// <summary>
    /// The name httpd compares with the open section: the first word without <c>&lt;/</c> and without
    /// its last character (config.c chops it blindly, so <c>&lt;/IfModule foo&gt;</c> yields "IfModul").
    /// </summary>
    public string Name { get; }

    /// <summary>True when the trimmed line is exactly <c>&lt;/Name&gt;</c>.</summary>
    public bool IsExact => Line.Text.Length == Name.Length + 3 && Line.Text.EndsWith('>') && Token.Raw == Line.Text;
}

/// <summary>
/// A section: the open tag <c>&lt;Name args&gt;</c>, its children and its close tag, or the fact
/// that the close tag is missing or names another section.
/// </summary>
public sealed class ApacheSectionSyntax : ApacheSyntaxNode
{
    internal ApacheSectionSyntax(ApacheLogicalLine line, ApacheWord openToken, string name, ImmutableArray<ApacheWord> arguments,
        string argumentText, bool hasClosingBracket, ImmutableArray<ApacheSyntaxNode> children, ApacheCloseTagSyntax? close)
        : base(line)
    {
        OpenToken = openToken;
        Name = name;
        Kind = ApacheSectionKinds.FromName(name);
        Arguments = arguments;
        ArgumentText = argumentText;
        HasClosingBracket = hasClosingBracket;
        Children = children;
        Close = close;
    }

    /// <summary>The first word of the open tag (<c>&lt;Directory</c> or <c>&lt;Else&gt;</c>).</summary>
    public ApacheWord OpenToken { get; }

    /// <summary>The section name without <c>&lt;</c> and <c>&gt;</c> (<c>Directory</c>).</summary>
    public string Name { get; }

    public ApacheSectionKind Kind { get; }

    /// <summary>The words between the name and the last <c>&gt;</c>.</summary>
    public ImmutableArray<ApacheWord> Arguments { get; }

    /// <summary>The raw text between the name and the last <c>&gt;</c>.</summary>
    public string ArgumentText { get; }

    /// <summary>False when the open tag has no <c>&gt;</c> (httpd: "&lt;Name&gt; directive missing closing '&gt;'").</summary>
    public bool HasClosingBracket { get; }

    public ImmutableArray<ApacheSyntaxNode> Children { get; }

    /// <summary>The close tag that ended the section, null when the file ended first.</summary>
    public ApacheCloseTagSyntax? Close { get; }

    public bool IsMissingClose => Close is null;

    /// <summary>True when the section was ended by a close tag naming something else (<c>&lt;/Directry&gt;</c>).</summary>
    public bool IsMismatchedClose => Close is not null && !Close.Name.Equals(Name, StringComparison.OrdinalIgnoreCase);

    public override TextSpan Span => Close is null ? Line.Span : TextSpan.FromBounds(Line.Span.Start, Close.Span.End);
}

/// <summary>The section kinds httpd 2.4 and its common modules define; Other for any unknown <c>&lt;Foo&gt;</c>.</summary>
public enum ApacheSectionKind
{
    Other,
    VirtualHost,
    Directory,
    DirectoryMatch,
    Files,
    FilesMatch,
    Location,
    LocationMatch,
    Proxy,
    ProxyMatch,
    IfModule,
    IfDefine,
    IfVersion,
    IfFile,
    IfDirective,
    IfSection,
    If,
    ElseIf,
    Else,
    Limit,
    LimitExcept,
    RequireAll,
    RequireAny,
    RequireNone,
    AuthnProviderAlias,
    AuthzProviderAlias,
    Macro,
}

public static class ApacheSectionKinds
{
    public static ApacheSectionKind FromName(string name) =>
        Enum.TryParse<ApacheSectionKind>(name, ignoreCase: true, out var kind) && kind != ApacheSectionKind.Other
            && !int.TryParse(name, out _)
            ? kind
            : ApacheSectionKind.Other;

    /// <summary>The conditionals httpd evaluates while reading (EXEC_ON_READ): a false one is skipped unread.</summary>
    public static bool IsReadTimeConditional(this ApacheSectionKind kind) => kind is ApacheSectionKind.IfModule
        or ApacheSectionKind.IfDefine or ApacheSectionKind.IfVersion or ApacheSectionKind.IfFile
        or ApacheSectionKind.IfDirective or ApacheSectionKind.IfSection;
}

/// <summary>
/// The syntax of one Apache configuration file: its logical lines and a tree of comments,
/// directives and sections, nested by name (case-insensitively) without evaluating any
/// condition or <c>${VAR}</c>. How httpd actually reads a tree (conditions, includes, defines)
/// is <see cref="ApacheLoader"/>'s job.
/// </summary>
public sealed class ApacheSyntaxTree
{
    // The node read from each logical line (by index in Lines), null for blank lines; a close tag
    // that ended a section is kept too, for the loader, though NodeAt does not return it.
    private readonly ApacheSyntaxNode?[] _nodeByLine;

    private ApacheSyntaxTree(SourceText text, ImmutableArray<ApacheLogicalLine> lines, ImmutableArray<ApacheSyntaxNode> nodes,
        ImmutableArray<ApacheCloseTagSyntax> strayCloseTags, ApacheSyntaxNode?[] nodeByLine)
    {
        Text = text;
        Lines = lines;
        Nodes = nodes;
        StrayCloseTags = strayCloseTags;
        _nodeByLine = nodeByLine;
    }

    public SourceText Text { get; }

    public ImmutableArray<ApacheLogicalLine> Lines { get; }

    /// <summary>Top-level nodes in file order.</summary>
    public ImmutableArray<ApacheSyntaxNode> Nodes { get; }

    /// <summary>Close tags that matched no open section.</summary>
    public ImmutableArray<ApacheCloseTagSyntax> StrayCloseTags { get; }

    public IEnumerable<ApacheSyntaxNode> DescendantNodes()
    {
        var stack = new Stack<ApacheSyntaxNode>(Nodes.Reverse());
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            if (node is ApacheSectionSyntax section)
                for (int i = section.Children.Length - 1; i >= 0; i--) stack.Push(section.Children[i]);
        }
    }

    public IEnumerable<ApacheDirectiveSyntax> Directives => DescendantNodes().OfType<ApacheDirectiveSyntax>();

    public IEnumerable<ApacheSectionSyntax> Sections => DescendantNodes().OfType<ApacheSectionSyntax>();

    /// <summary>
    /// The node whose logical line starts at <paramref name="lineSpanStart"/>, if any: a comment,
    /// directive, section (by its open tag) or stray close tag.
    /// </summary>
    public ApacheSyntaxNode? NodeAt(int lineSpanStart)
    {
        var node = LineIndexAt(lineSpanStart) is int index ? _nodeByLine[index] : null;
        return node is ApacheCloseTagSyntax close && !StrayCloseTags.Contains(close) ? null : node;
    }

    /// <summary>
    /// The node read from <paramref name="line"/>, one of this tree's lines: as <see cref="NodeAt"/>,
    /// and also a close tag that ended a section. Null for a blank line or a line of another tree.
    /// </summary>
    internal ApacheSyntaxNode? NodeOfLine(ApacheLogicalLine line) =>
        LineIndexAt(line.Span.Start) is int index && Lines[index] == line ? _nodeByLine[index] : null;

    // Lines are in file order, so their span starts are increasing.
    private int? LineIndexAt(int lineSpanStart)
    {
        int lo = 0, hi = Lines.Length - 1;
        while (lo <= hi)
        {
            int mid = lo + (hi - lo) / 2;
            int start = Lines[mid].Span.Start;
            if (start == lineSpanStart) return mid;
            if (start < lineSpanStart) lo = mid + 1;
            else hi = mid - 1;
        }
        return null;
    }

    // A section whose close tag has not been read yet: its header, its line and where its
    // children start in the list of nodes read so far.
    private readonly record struct OpenSection(int LineIndex, SectionHeader Header, int ChildrenStart);

    /// <summary>Parses a file; never throws.</summary>
    public static ApacheSyntaxTree Parse(SourceText text)
    {
        var lines = ApacheLineReader.Read(text);
        var nodeByLine = new ApacheSyntaxNode?[lines.Length];
        // The nodes read so far whose parent is still open, in file order: the top level first, then
        // each open section's children from its ChildrenStart on. A section takes its children from
        // the end of this list when it closes, so no list is kept per section.
        // Both lists are the thread's, emptied before and after: a host reads thousands of small files.
        var pending = t_pending ??= new();
        var open = t_open ??= new();
        pending.Clear();
        open.Clear();
        List<ApacheCloseTagSyntax>? stray = null;

        void CloseTop(ApacheCloseTagSyntax? close)
        {
            var top = open[^1];
            open.RemoveAt(open.Count - 1);
            int count = pending.Count - top.ChildrenStart;
            var children = count == 0 ? Array.Empty<ApacheSyntaxNode>() : new ApacheSyntaxNode[count];
            pending.CopyTo(top.ChildrenStart, children, 0, count);
            pending.RemoveRange(top.ChildrenStart, count);
            var h = top.Header;
            var section = new ApacheSectionSyntax(lines[top.LineIndex], h.Token, h.Name, h.Args, h.ArgText, h.Bracket,
                ImmutableCollectionsMarshal.AsImmutableArray(children), close);
            nodeByLine[top.LineIndex] = section;
            pending.Add(section);
        }

        for (int index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.IsBlank) continue;
            if (line.IsComment)
            {
                pending.Add(nodeByLine[index] = new ApacheCommentSyntax(line));
                continue;
            }
            var node = ParseLine(line, out var sectionHeader);
            nodeByLine[index] = node;
            if (node is ApacheCloseTagSyntax close)
            {
                int match = open.Count - 1;
                while (match >= 0 && !open[match].Header.Name.Equals(close.Name, StringComparison.OrdinalIgnoreCase)) match--;
                if (open.Count == 0) { (stray ??= new()).Add(close); continue; }
                if (match < 0) { CloseTop(close); continue; }
                while (open.Count - 1 > match) CloseTop(null);
                CloseTop(close);
            }
            else if (sectionHeader is { } h)
            {
                open.Add(new OpenSection(index, h, pending.Count));
            }
            else if (node is not null)
            {
                pending.Add(node);
            }
        }
        while (open.Count > 0) CloseTop(null);
        var top = pending.ToImmutableArray();
        pending.Clear();
        return new ApacheSyntaxTree(text, lines, top, stray?.ToImmutableArray() ?? ImmutableArray<ApacheCloseTagSyntax>.Empty, nodeByLine);
    }

    [ThreadStatic] private static List<ApacheSyntaxNode>? t_pending;
    [ThreadStatic] private static List<OpenSection>? t_open;

    internal readonly record struct SectionHeader(ApacheWord Token, string Name, ImmutableArray<ApacheWord> Args, string ArgText, bool Bracket);

    /// <summary>
    /// Classifies one non-comment logical line as config.c ap_build_config_sub does: a directive,
    /// an open tag (<c>&lt;Name</c>) or a close tag (<c>&lt;/</c>).
    /// </summary>
    internal static ApacheSyntaxNode? ParseLine(ApacheLogicalLine line, out SectionHeader? section)
    {
        section = null;
        int pos = 0;
        var first = ApacheWords.GetWordConf(line.Text, ref pos);
        if (first is not { } w) return null;
        var token = ApacheWords.ToWord(line, line.Text, w);
        var name = w.Value;
        if (name.Length >= 2 && name[0] == '<' && name[1] == '/')
            return new ApacheCloseTagSyntax(line, token, CloseName(name));
        if (name.Length >= 1 && name[0] == '<')
        {
            section = ParseSectionHeader(line, line.Text, w, pos, token, null);
            return null;
        }
        return new ApacheDirectiveSyntax(line, token, ApacheWords.ReadWords(line, line.Text, pos, line.Text.Length), pos);
    }

    /// <summary>The name in a close word as config.c compares it: <c>&lt;/</c> removed and the last character chopped.</summary>
    internal static string CloseName(string word) => word.Length <= 2 ? "" : SharedStrings.Get(word.AsSpan(2, word.Length - 3));

    /// <summary>
    /// An open tag read from <paramref name="text"/> (the line's text, or its <c>${VAR}</c> expansion
    /// <paramref name="expanded"/>): the name word <paramref name="w"/>, then the words up to the last
    /// <c>&gt;</c> from <paramref name="argsStart"/> on.
    /// </summary>
    internal static SectionHeader ParseSectionHeader(ApacheLogicalLine line, string text, ApacheRawWord w, int argsStart, ApacheWord token, ApacheExpandedText? expanded)
    {
        bool bracketInName = w.Value.EndsWith('>');
        var name = SharedStrings.Get(w.Value.AsSpan(1, w.Value.Length - (bracketInName ? 2 : 1)));
        int restStart = Math.Min(argsStart, text.Length);
        int gt = restStart < text.Length ? text.LastIndexOf('>', text.Length - 1, text.Length - restStart) : -1;
        bool bracket = gt >= 0 || (bracketInName && restStart == text.Length);
        int argEnd = gt >= 0 ? gt : text.Length;
        var args = ApacheWords.ReadWords(line, text, restStart, argEnd, expanded);
        var argSpan = text.AsSpan(restStart, argEnd - restStart).TrimEnd();
        // A single word is usually the whole argument text (<IfModule mod_x.c>): one string serves both.
        var argText = args.Length == 1 && args[0].Raw.Length == argSpan.Length ? args[0].Raw : SharedStrings.Get(argSpan);
        return new SectionHeader(token, name, args, argText, bracket);
    }
}
