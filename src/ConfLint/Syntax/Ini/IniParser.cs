using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ConfLint.Text;

namespace ConfLint.Syntax.Ini;

/// <summary>
/// PHP 8.2's Zend/zend_ini_parser.y as a recursive-descent parser over <see cref="IniScanner"/>.
/// The grammar is LALR(1) with the correct-prefix property, so the first token that cannot
/// continue a statement is the token bison reports; a statement is applied (its callback runs)
/// once complete, exactly as bison's reductions call ZEND_INI_PARSER_CB. Never throws.
/// </summary>
internal sealed class IniParser
{
    private readonly SourceText _text;
    private readonly IniParseOptions _options;
    private readonly IniScanner _scanner;
    private readonly ImmutableArray<IniStatement>.Builder _statements = ImmutableArray.CreateBuilder<IniStatement>();
    private readonly Dictionary<string, string> _loaded = new(StringComparer.Ordinal);
    private IniToken _tok;
    private IniSyntaxError? _error;
    private int _statementStart;
    private IniSection? _section;
    private IniSection? _perDirectoryScope;
    private bool _inSpecialSection;

    // The pieces of the value being read.
    private readonly List<IniVariableReference> _variables = new();
    private readonly List<IniConstantUse> _constants = new();

    private sealed class SyntaxErrorException : Exception
    {
    }

    private IniParser(SourceText text, IniParseOptions options)
    {
        _text = text;
        _options = options;
        _scanner = new IniScanner(text.Text, options.Mode);
    }

    public static IniDocument Parse(SourceText text, IniParseOptions options)
    {
        var parser = new IniParser(text, options);
        try
        {
            parser.ParseStatements();
        }
        catch (SyntaxErrorException)
        {
            // _error is set.
        }
        return new IniDocument(text, options, parser._statements.ToImmutable(), parser._error);
    }

    private void Advance() => _tok = _scanner.Next();

    // Bison's verbose message names the expected tokens when the state has at most four; these
    // are the states where PHP 8.2 prints them (the others expect too many tokens).
    private const string ExpectBracket = "']'";
    private const string ExpectEquals = "'='";
    private const string ExpectVarname = "TC_VARNAME";
    private const string ExpectCloseCurly = "'}'";
    private const string ExpectCloseParen = "'^' or '|' or '&' or ')'";
    private const string ExpectEncapsed = "TC_DOLLAR_CURLY or TC_QUOTED_STRING or '\"'";

    private SyntaxErrorException Fail(string? expecting = null)
    {
        var t = _tok;
        _error = new IniSyntaxError(
            $"syntax error, unexpected {t.DisplayName}" + (expecting is null ? "" : ", expecting " + expecting),
            t.DisplayName,
            t.LineAfter,
            t.Span,
            TextSpan.FromBounds(Math.Min(_statementStart, _text.Text.Length), _text.Text.Length));
        return new SyntaxErrorException();
    }

    private void Expect(char c, string expecting)
    {
        if (!_tok.Is(c)) throw Fail(expecting);
        Advance();
    }

    // statement_list: statement_list statement | %empty
    private void ParseStatements()
    {
        Advance();
        while (true)
        {
            _statementStart = _tok.Span.Start;
            switch (_tok.Kind)
            {
                case IniTokenKind.End:
                    return;
                case IniTokenKind.EndOfLine:
                    Advance();
                    break;
                case IniTokenKind.TcSection:
                    ParseSection();
                    break;
                case IniTokenKind.TcLabel:
                    ParseLabel();
                    break;
                case IniTokenKind.TcOffset:
                    ParseOffsetEntry();
                    break;
                default:
                    throw Fail();
            }
        }
    }

    // TC_SECTION section_string_or_value ']'
    private void ParseSection()
    {
        int start = _tok.Span.Start;
        Advance();
        int nameStart = _tok.Span.Start;
        var (name, nameEnd) = ParseSectionString();
        if (!_tok.Is(']')) throw Fail(ExpectBracket);
        int end = _tok.Span.Start + 1;
        Advance();
        var (kind, key) = PerDirectory(name);
        var section = new IniSection(name, TextSpan.FromBounds(start, end), TextSpan.FromBounds(nameStart, Math.Max(nameStart, nameEnd)), kind, key);
        // main/php_ini.c php_ini_parser_cb: PATH/HOST sections switch the active hash when their key is
        // not empty; an ordinary section only clears is_special_section and keeps the active hash.
        if (kind != IniPerDirectoryKind.None)
        {
            _inSpecialSection = true;
            if (key is not null) _perDirectoryScope = section;
        }
        else
        {
            _inSpecialSection = false;
        }
        _section = section;
        _statements.Add(section);
    }

    /// <summary>
    /// php_ini_parser_cb's reading of a section name: "PATH…"/"HOST…" (any case) is per-directory;
    /// when something follows the prefix, trailing slashes and then leading `=`/blanks are removed
    /// (HOST keys lower-cased) and that key's hash becomes the active one — even when the key ends
    /// up empty, as for `[PATH=/]`. A bare `[PATH]` switches nothing (key null).
    /// </summary>
    internal static (IniPerDirectoryKind, string?) PerDirectory(string name)
    {
        IniPerDirectoryKind kind;
        if (name.StartsWith("PATH", StringComparison.OrdinalIgnoreCase)) kind = IniPerDirectoryKind.Path;
        else if (name.StartsWith("HOST", StringComparison.OrdinalIgnoreCase)) kind = IniPerDirectoryKind.Host;
        else return (IniPerDirectoryKind.None, null);
        var key = name[4..];
        if (key.Length == 0) return (kind, null);
        if (kind == IniPerDirectoryKind.Host)
            key = string.Create(key.Length, key, (span, k) => { for (int i = 0; i < k.Length; i++) span[i] = k[i] is >= 'A' and <= 'Z' ? (char)(k[i] + 32) : k[i]; });
        key = key.TrimEnd('/', '\\');
        key = key.TrimStart('=', ' ', '\t');
        return (kind, key);
    }

    // TC_LABEL '=' string_or_value | TC_LABEL
    private void ParseLabel()
    {
        var label = _tok;
        Advance();
        if (!_tok.Is('='))
        {
            // A bare label: the callback gets no value and parse_ini_*/php.ini ignore it.
            AddEntry(label, null, null, null, TextSpan.FromBounds(label.Span.Start, label.ValueSpan.End));
            return;
        }
        Advance();
        var value = ParseStringOrValue();
        AddEntry(label, null, null, value, TextSpan.FromBounds(label.Span.Start, Math.Max(label.ValueSpan.End, value.Span.End)));
    }

    // TC_OFFSET option_offset ']' '=' string_or_value
    private void ParseOffsetEntry()
    {
        var label = _tok;
        Advance();
        int offsetStart = _tok.Span.Start;
        var (offset, offsetEnd) = ParseSectionString();
        if (!_tok.Is(']')) throw Fail(ExpectBracket);
        var offsetSpan = TextSpan.FromBounds(offsetStart, Math.Max(offsetStart, offsetEnd));
        Advance();
        Expect('=', ExpectEquals);
        var value = ParseStringOrValue();
        AddEntry(label, offset, offsetSpan, value, TextSpan.FromBounds(label.Span.Start, Math.Max(offsetSpan.End, value.Span.End)));
    }

    private void AddEntry(IniToken label, string? offset, TextSpan? offsetSpan, IniValue? value, TextSpan span)
    {
        bool loads = offset is null && !_inSpecialSection
            && (label.Value.Equals("extension", StringComparison.OrdinalIgnoreCase) || label.Value.Equals("zend_extension", StringComparison.OrdinalIgnoreCase));
        var entry = new IniEntry(label.Value, label.ValueSpan, offset, offsetSpan, value, span, _section, _perDirectoryScope) { LoadsExtension = loads };
        _statements.Add(entry);
        if (value is not null && offset is null && _perDirectoryScope is null && !loads) _loaded[label.Value] = value.Text;
    }

    // section_string_or_value / option_offset: var_string_list_section | %empty (constants are not replaced)
    private (string, int) ParseSectionString()
    {
        var sb = new StringBuilder();
        int end = _tok.Span.Start;
        while (true)
        {
            switch (_tok.Kind)
            {
                case IniTokenKind.TcDollarCurly:
                    sb.Append(ParseVariable());
                    end = _lastEnd;
                    continue;
                case IniTokenKind.TcConstant:
                case IniTokenKind.TcRaw:
                case IniTokenKind.TcNumber:
                case IniTokenKind.TcString:
                case IniTokenKind.TcWhitespace:
                    sb.Append(_tok.Value);
                    end = _tok.Span.End;
                    Advance();
                    continue;
                case IniTokenKind.Char when _tok.Char == '"':
                    sb.Append(ParseEncapsed());
                    end = _lastEnd;
                    continue;
            }
            return (SharedStrings.Get(sb), end);
        }
    }

    private int _lastEnd;

    // cfg_var_ref: TC_DOLLAR_CURLY TC_VARNAME '}'
    private string ParseVariable()
    {
        int start = _tok.Span.Start;
        Advance();
        if (_tok.Kind != IniTokenKind.TcVarname) throw Fail(ExpectVarname);
        var name = _tok.Value;
        Advance();
        if (!_tok.Is('}')) throw Fail(ExpectCloseCurly);
        _lastEnd = _tok.Span.End;
        Advance();
        var (value, source) = ResolveVariable(name);
        _variables.Add(new IniVariableReference(name, TextSpan.FromBounds(start, _lastEnd), value, source));
        return value;
    }

    private (string, IniVariableSource) ResolveVariable(string name)
    {
        if (_options.Variables == IniVariableResolution.LoadedEntriesThenEnvironment && _loaded.TryGetValue(name, out var loaded))
            return (loaded, IniVariableSource.Entry);
        string? configured = null;
        try { configured = _options.ConfigurationHash?.Invoke(name); } catch (Exception) { configured = null; }
        if (configured is not null) return (configured, IniVariableSource.Entry);
        string? env = null;
        try { env = _options.Environment(name); } catch (Exception) { env = null; }
        return env is null ? ("", IniVariableSource.Undefined) : (env, IniVariableSource.Environment);
    }

    // '"' encapsed_list '"'
    private string ParseEncapsed()
    {
        Advance();
        var sb = new StringBuilder();
        while (true)
        {
            if (_tok.Kind == IniTokenKind.TcDollarCurly) { sb.Append(ParseVariable()); continue; }
            if (_tok.Kind == IniTokenKind.TcQuotedString) { sb.Append(_tok.Value); Advance(); continue; }
            if (_tok.Is('"')) { _lastEnd = _tok.Span.End; Advance(); return SharedStrings.Get(sb); }
            throw Fail(ExpectEncapsed);
        }
    }

    // string_or_value: expr | BOOL_TRUE | BOOL_FALSE | NULL_NULL | END_OF_LINE
    private IniValue ParseStringOrValue()
    {
        // The parser's two lists serve every value in turn (copied out, empty or not, by ToImmutableArray).
        _variables.Clear();
        _constants.Clear();
        var first = _tok;
        switch (first.Kind)
        {
            case IniTokenKind.BoolTrue:
            case IniTokenKind.BoolFalse:
            case IniTokenKind.NullNull:
            {
                Advance();
                var span = first.ValueSpan;
                var trimmed = TrimEndBlanks(span);
                return new IniValue(first.Value, trimmed, _text.ToString(trimmed),
                    first.Kind == IniTokenKind.NullNull ? IniValueForm.Null : IniValueForm.Boolean, ImmutableArray<IniVariableReference>.Empty);
            }
            case IniTokenKind.EndOfLine:
                Advance();
                return new IniValue("", new TextSpan(first.Span.Start, 0), "", IniValueForm.Empty, ImmutableArray<IniVariableReference>.Empty);
        }
        _valueStart = first.Span.Start;
        _valueEnd = first.Span.Start;
        _isExpression = false;
        var text = ParseExpr();
        if (_options.Mode == IniScannerMode.Raw && first.Kind == IniTokenKind.TcRaw && !_isExpression)
        {
            var rawSpan = first.ValueSpan;
            return new IniValue(text, rawSpan, _text.ToString(rawSpan), IniValueForm.Raw, _variables.ToImmutableArray()) { Constants = _constants.ToImmutableArray() };
        }
        var vspan = TrimEndBlanks(TextSpan.FromBounds(_valueStart, _valueEnd));
        var leading = vspan.Start;
        while (leading < vspan.End && _text.Text[leading] is ' ' or '\t') leading++;
        vspan = TextSpan.FromBounds(leading, vspan.End);
        return new IniValue(text, vspan, _text.ToString(vspan), _isExpression ? IniValueForm.Expression : IniValueForm.String, _variables.ToImmutableArray())
        {
            Constants = _constants.ToImmutableArray(),
        };
    }

    private TextSpan TrimEndBlanks(TextSpan span)
    {
        int end = span.End;
        while (end > span.Start && _text.Text[end - 1] is ' ' or '\t' or '\r' or '\n') end--;
        return TextSpan.FromBounds(span.Start, end);
    }

    private int _valueStart;
    private int _valueEnd;
    private bool _isExpression;

    private static bool IsBinaryOperator(IniToken t) => t.Kind == IniTokenKind.Char && t.Char is '|' or '&' or '^';

    // expr: var_string_list | expr '|' expr | expr '&' expr | expr '^' expr | '~' expr | '!' expr | '(' expr ')'
    // %left '|' '&' '^' (one level, left-associative); %precedence '~' '!' binds tighter.
    private string ParseExpr()
    {
        var left = ParseUnary();
        while (IsBinaryOperator(_tok))
        {
            char op = _tok.Char;
            _isExpression = true;
            _valueEnd = _tok.Span.End;
            Advance();
            var right = ParseUnary();
            left = DoOp(op, left, right);
        }
        return left;
    }

    private string ParseUnary()
    {
        if (_tok.Kind == IniTokenKind.Char && _tok.Char is '~' or '!')
        {
            char op = _tok.Char;
            _isExpression = true;
            _valueEnd = _tok.Span.End;
            Advance();
            var operand = ParseUnary();
            return DoOp(op, operand, null);
        }
        if (_tok.Is('('))
        {
            _isExpression = true;
            Advance();
            var inner = ParseExpr();
            if (!_tok.Is(')')) throw Fail(ExpectCloseParen);
            _valueEnd = _tok.Span.End;
            Advance();
            return inner;
        }
        return ParseVarStringList();
    }

    // var_string_list: (cfg_var_ref | constant_string | '"' encapsed_list '"')+
    private string ParseVarStringList()
    {
        // Most values are one token: its text is the value, and a builder is made only when a second piece follows.
        string? first = null;
        StringBuilder? sb = null;
        void Add(string piece)
        {
            if (first is null) first = piece;
            else (sb ??= new StringBuilder(first)).Append(piece);
        }
        while (true)
        {
            switch (_tok.Kind)
            {
                case IniTokenKind.TcDollarCurly:
                    Add(ParseVariable());
                    _valueEnd = _lastEnd;
                    continue;
                case IniTokenKind.TcConstant:
                {
                    var resolved = LookupConstant(_tok.Value);
                    _constants.Add(new IniConstantUse(_tok.Value, _tok.Span, resolved is not null));
                    Add(resolved ?? _tok.Value);
                    _valueEnd = _tok.Span.End;
                    Advance();
                    continue;
                }
                case IniTokenKind.TcRaw:
                case IniTokenKind.TcNumber:
                case IniTokenKind.TcString:
                case IniTokenKind.TcWhitespace:
                    Add(_tok.Value);
                    _valueEnd = _tok.Span.End;
                    Advance();
                    continue;
                case IniTokenKind.Char when _tok.Char == '"':
                    Add(ParseEncapsed());
                    _valueEnd = _lastEnd;
                    continue;
            }
            if (first is null) throw Fail();
            return sb is null ? SharedStrings.Get(first) : SharedStrings.Get(sb);
        }
    }

    private string? LookupConstant(string name)
    {
        try { return _options.Constants(name); }
        catch (Exception) { return null; }
    }

    // zend_ini_do_op: operands through get_int_val (atoi on strings), computed on a C int, printed with "%d".
    internal static string DoOp(char op, string a, string? b)
    {
        int x = Atoi(a);
        int y = b is null ? 0 : Atoi(b);
        int r = op switch
        {
            '|' => x | y,
            '&' => x & y,
            '^' => x ^ y,
            '~' => ~x,
            '!' => x == 0 ? 1 : 0,
            _ => 0,
        };
        return r.ToString(CultureInfo.InvariantCulture);
    }

    // glibc atoi = (int)strtol(s, NULL, 10): leading white space, an optional sign, digits;
    // strtol saturates at LONG_MIN/LONG_MAX, and the cast keeps the low 32 bits.
    internal static int Atoi(string s)
    {
        int i = 0;
        while (i < s.Length && s[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r') i++;
        bool negative = false;
        if (i < s.Length && s[i] is '+' or '-') { negative = s[i] == '-'; i++; }
        ulong acc = 0;
        bool overflow = false;
        const ulong limitPositive = long.MaxValue;
        const ulong limitNegative = (ulong)long.MaxValue + 1;
        ulong limit = negative ? limitNegative : limitPositive;
        while (i < s.Length && s[i] is >= '0' and <= '9')
        {
            if (!overflow)
            {
                ulong digit = (ulong)(s[i] - '0');
                if (acc > (limit - digit) / 10) overflow = true;
                else acc = acc * 10 + digit;
            }
            i++;
        }
        long value = overflow ? (negative ? long.MinValue : long.MaxValue) : (negative ? (long)(0 - acc) : (long)acc);
        return unchecked((int)value);
    }
}
