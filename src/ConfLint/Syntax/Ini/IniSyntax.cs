using System.Collections.Immutable;
using ConfLint.Text;

namespace ConfLint.Syntax.Ini;

/// <summary>What a `[PATH=…]` / `[HOST=…]` section means to PHP at startup (main/php_ini.c php_ini_parser_cb).</summary>
public enum IniPerDirectoryKind
{
    /// <summary>An ordinary section: parse_ini_* nests entries under it; php.ini at startup ignores it.</summary>
    None,

    /// <summary>`[PATH=/dir]`: entries apply to scripts under that directory (CGI/FastCGI and FPM only).</summary>
    Path,

    /// <summary>`[HOST=name]`: entries apply to that host name (CGI/FastCGI and FPM only).</summary>
    Host,
}

/// <summary>A statement PHP applied: a section header or an entry, in file order.</summary>
public abstract record IniStatement(TextSpan Span);

/// <summary>
/// `[name]`. <see cref="PerDirectoryKey"/> is the path or host of a `[PATH=…]`/`[HOST=…]` section as
/// php_ini_parser_cb computes it (prefix, leading `=`/blanks and trailing slashes removed; hosts
/// lower-cased), or null for an ordinary section.
/// </summary>
public sealed record IniSection(string Name, TextSpan Span, TextSpan NameSpan, IniPerDirectoryKind PerDirectory, string? PerDirectoryKey)
    : IniStatement(Span);

/// <summary>Where a `${name}` reference took its value from.</summary>
public enum IniVariableSource
{
    /// <summary>Neither an earlier entry nor the environment defines it: PHP uses "".</summary>
    Undefined,

    /// <summary>An entry loaded earlier (only when reading php.ini at startup).</summary>
    Entry,

    Environment,
}

public sealed record IniVariableReference(string Name, TextSpan Span, string Value, IniVariableSource Source);

/// <summary>The shape of a value as written (what the grammar's string_or_value reduced).</summary>
public enum IniValueForm
{
    /// <summary>Strings, quoted strings, constants and ${var} joined together.</summary>
    String,

    /// <summary>An expression with `| &amp; ^ ~ !` or parentheses: PHP computed an integer.</summary>
    Expression,

    /// <summary>true/on/yes (→ "1") or false/off/no/none (→ "").</summary>
    Boolean,

    /// <summary>null (→ "").</summary>
    Null,

    /// <summary>Nothing after `=`.</summary>
    Empty,

    /// <summary>INI_SCANNER_RAW: the rest of the line as is.</summary>
    Raw,
}

/// <summary>
/// A value. <see cref="Text"/> is the string PHP stores (NORMAL mode: unquoted, unescaped,
/// constants and ${var} replaced, operators computed; RAW mode: the raw text).
/// <see cref="SourceText"/> is exactly what the file says between `=` and the end of the value.
/// </summary>
public sealed record IniValue(string Text, TextSpan Span, string SourceText, IniValueForm Form, ImmutableArray<IniVariableReference> Variables)
{
    /// <summary>The unquoted constant names the value used, with what PHP replaced them by (or kept, when unknown).</summary>
    public ImmutableArray<IniConstantUse> Constants { get; init; } = ImmutableArray<IniConstantUse>.Empty;
}

public sealed record IniConstantUse(string Name, TextSpan Span, bool Known);

/// <summary>
/// `key = value`, `key[] = value`, `key[offset] = value` or a bare `key` (Value null; PHP ignores it).
/// <see cref="Section"/> is the last section header before the entry; <see cref="PerDirectoryScope"/>
/// the `[PATH=…]`/`[HOST=…]` section whose settings the entry joins when php.ini is read at startup
/// (a later ordinary section does not end that scope: php_ini_parser_cb keeps its active hash).
/// </summary>
public sealed record IniEntry(
    string Key,
    TextSpan KeySpan,
    string? Offset,
    TextSpan? OffsetSpan,
    IniValue? Value,
    TextSpan Span,
    IniSection? Section,
    IniSection? PerDirectoryScope) : IniStatement(Span)
{
    public bool IsArrayEntry => Offset is not null;

    /// <summary>True for `extension=` / `zend_extension=` outside a PATH/HOST section: PHP loads a module instead of storing a setting.</summary>
    public bool LoadsExtension { get; init; }

    /// <summary>A setting: an entry with a value that does not load an extension (in any scope).</summary>
    public bool IsSetting => Value is not null && !LoadsExtension;

    /// <summary>A setting PHP stores at startup: not in PATH/HOST scope (see <see cref="IniDocument.GlobalSettings"/>).</summary>
    public bool IsGlobalSetting => IsSetting && PerDirectoryScope is null;
}

/// <summary>
/// Where PHP's parser stopped: <see cref="Message"/> is PHP's text ("syntax error, unexpected X"),
/// <see cref="PhpLine"/> the line PHP reports (its scanner's counter, which can differ from the
/// physical line), <see cref="Span"/> the offending token, <see cref="DroppedSpan"/> the text PHP
/// ignores (from the start of the statement being read to the end of the file).
/// </summary>
public sealed record IniSyntaxError(string Message, string Unexpected, int PhpLine, TextSpan Span, TextSpan DroppedSpan);

/// <summary>
/// A parsed INI file: the statements PHP applied, in order, and the syntax error that stopped
/// the parse, if any. Immutable.
/// </summary>
public sealed class IniDocument
{
    internal IniDocument(SourceText text, IniParseOptions options, ImmutableArray<IniStatement> statements, IniSyntaxError? error)
        : this(text, options, statements, error, new Derived())
    {
    }

    private IniDocument(SourceText text, IniParseOptions options, ImmutableArray<IniStatement> statements, IniSyntaxError? error, Derived derived)
    {
        Text = text;
        Options = options;
        Statements = statements;
        Error = error;
        _derived = derived;
    }

    // What is worked out from the statements alone, shared by the documents of every file with the same text (WithText).
    private sealed class Derived
    {
        public Dictionary<string, IniEntry>? LastGlobalSettings;
        public ImmutableArray<IniEntry> Entries;
    }

    private readonly Derived _derived;

    public SourceText Text { get; }

    public IniParseOptions Options { get; }

    public IniScannerMode Mode => Options.Mode;

    /// <summary>Sections and entries PHP applied (before the syntax error, if any), in file order.</summary>
    public ImmutableArray<IniStatement> Statements { get; }

    public IniSyntaxError? Error { get; }

    /// <summary>The entries among the statements, in file order (gathered once: each rule of each file walks them).</summary>
    public ImmutableArray<IniEntry> Entries
    {
        get
        {
            var entries = _derived.Entries;
            if (entries.IsDefault) _derived.Entries = entries = Statements.OfType<IniEntry>().ToImmutableArray();
            return entries;
        }
    }

    public IEnumerable<IniSection> Sections => Statements.OfType<IniSection>();

    /// <summary>Entries with a value that are settings PHP stores at startup (not in PATH/HOST scope, not extension loads).</summary>
    public IEnumerable<IniEntry> GlobalSettings => Entries.Where(e => e.IsGlobalSetting);

    public Location GetLocation(TextSpan span) => Text.GetLocation(span);

    /// <summary>The same parse for another file with the same text: statements and error hold positions, not a file.</summary>
    internal IniDocument WithText(SourceText text) => ReferenceEquals(text, Text) ? this : new IniDocument(text, Options, Statements, Error, _derived);

    /// <summary>
    /// The last entry of each directive among <see cref="GlobalSettings"/> that is not an array element (`key[]`): the one
    /// whose value PHP keeps. Worked out once for all the files with this text (threads racing keep the first table).
    /// </summary>
    internal IReadOnlyDictionary<string, IniEntry> LastGlobalSettings
    {
        get
        {
            if (Volatile.Read(ref _derived.LastGlobalSettings) is { } made) return made;
            var table = new Dictionary<string, IniEntry>(StringComparer.Ordinal);
            foreach (var entry in GlobalSettings)
                if (entry.Offset is null) table[entry.Key] = entry;
            return Interlocked.CompareExchange(ref _derived.LastGlobalSettings, table, null) ?? table;
        }
    }

    /// <summary>Parses with PHP's parse_ini_string semantics (the default options) or those given.</summary>
    public static IniDocument Parse(SourceText text, IniParseOptions? options = null) => IniParser.Parse(text, options ?? IniParseOptions.Default);

    public static IniDocument Parse(string text, IniParseOptions? options = null) => Parse(SourceText.From(text), options);
}
