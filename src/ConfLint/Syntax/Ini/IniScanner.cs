using ConfLint.Text;

namespace ConfLint.Syntax.Ini;

/// <summary>How the scanner reads option values (parse_ini_string's scanner_mode).</summary>
public enum IniScannerMode
{
    /// <summary>INI_SCANNER_NORMAL: quotes, escapes, constants, operators, ${var} and booleans are interpreted.</summary>
    Normal,

    /// <summary>INI_SCANNER_RAW: the value is the rest of the line, a `;` comment and one pair of surrounding double quotes removed.</summary>
    Raw,
}

/// <summary>
/// A faithful re-implementation of PHP 8.2's Zend/zend_ini_scanner.l (a re2c scanner). Each
/// scanner state lists its rules in the order of the .l file; like re2c, the longest match wins
/// and a tie goes to the earlier rule. The .l file's quirks are kept on purpose: the line counter
/// only moves where PHP moves it (a section's closing `]` always counts a line, a newline inside a
/// single-quoted string does not), and a rule that would read past the end of the input makes the
/// scanner return token 0 (PHP's YYFILL returns 0 once YYCURSOR passes YYLIMIT), which silently
/// ends the input at that point.
/// </summary>
internal sealed class IniScanner
{
    private enum State { Initial, Value, Raw, SectionValue, SectionRaw, Offset, DoubleQuotes, VarName }

    private readonly string _s;
    private readonly int _n;
    private readonly IniScannerMode _mode;
    private readonly Stack<State> _stack = new();
    private State _state = State.Initial;
    private int _pos;
    private int _line = 1;

    public IniScanner(string text, IniScannerMode mode)
    {
        _s = text;
        // PHP's scanner stops at a NUL byte as at the end of the input (the buffer is NUL-terminated).
        int nul = text.IndexOf('\0');
        _n = nul >= 0 ? nul : text.Length;
        _mode = mode;
    }

    public int Position => _pos;

    public int Line => _line;

    private char At(int i) => i < _n ? _s[i] : '\0';

    private static bool IsTabOrSpace(char c) => c == ' ' || c == '\t';

    // LABEL_CHAR [^=\n\r\t;&|^$~(){}!"\[\x00] — `]` is a label character (`]a = 1` sets key "]a").
    private static bool IsLabelChar(char c) => c switch
    {
        '=' or '\n' or '\r' or '\t' or ';' or '&' or '|' or '^' or '$' or '~' or '(' or ')' or '{' or '}' or '!' or '"' or '[' or '\0' => false,
        _ => true,
    };

    // TOKENS [:,.\[\]"'()&|^+-/*=%$!~<>?@{}]
    private static bool IsTokenChar(char c) => ":,.[]\"'()&|^+-/*=%$!~<>?@{}".IndexOf(c) >= 0 && c != '\0';

    // OPERATORS [&|^~()!]
    private static bool IsOperator(char c) => c is '&' or '|' or '^' or '~' or '(' or ')' or '!';

    // VALUE_CHARS' plain class [^$= \t\n\r;&|^~()!"'\000]
    private static bool IsPlainValueChar(char c) => c switch
    {
        '$' or '=' or ' ' or '\t' or '\n' or '\r' or ';' or '&' or '|' or '^' or '~' or '(' or ')' or '!' or '"' or '\'' or '\0' => false,
        _ => true,
    };

    // SECTION_VALUE_CHARS' plain class [^$\n\r;"'\]\\]
    private static bool IsPlainSectionValueChar(char c) => c switch
    {
        '$' or '\n' or '\r' or ';' or '"' or '\'' or ']' or '\\' => false,
        _ => true,
    };

    private static bool IsConstantStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    private static bool IsConstantChar(char c) => IsConstantStart(c) || c is >= '0' and <= '9';

    private int TabsAndSpaces(int i)
    {
        int j = i;
        while (j < _n && IsTabOrSpace(_s[j])) j++;
        return j - i;
    }

    private int Newline(int i)
    {
        if (i >= _n) return 0;
        if (_s[i] == '\r') return At(i + 1) == '\n' ? 2 : 1;
        return _s[i] == '\n' ? 1 : 0;
    }

    // {LABEL}. LABEL_CHAR does not exclude NUL, so a label that runs to the end of the input reads
    // the terminating NUL and the scanner returns 0: `true` or `null` alone on the last line is
    // not a BOOL_TRUE/NULL_NULL token (no syntax error) while `true = 1` is.
    private int LabelRun(int i, ref bool pastEnd)
    {
        int j = i;
        while (j < _n && IsLabelChar(_s[j])) j++;
        if (j >= _n && j > i) pastEnd = true;
        return j - i;
    }

    // ("true"|"on"|"yes"), ("false"|"off"|"no"|"none"), ("null") — re2c runs with --case-inverted,
    // so these double-quoted strings match case-insensitively; each is followed by {TABS_AND_SPACES}*.
    private static readonly string[] TrueWords = { "true", "on", "yes" };
    private static readonly string[] FalseWords = { "false", "off", "no", "none" };
    private static readonly string[] NullWords = { "null" };

    private int Words(int i, string[] words)
    {
        int best = -1;
        foreach (var w in words)
        {
            if (i + w.Length > _n) continue;
            if (string.Compare(_s, i, w, 0, w.Length, StringComparison.OrdinalIgnoreCase) != 0) continue;
            int len = w.Length + TabsAndSpaces(i + w.Length);
            if (len > best) best = len;
        }
        return best;
    }

    private int Constant(int i)
    {
        if (i >= _n || !IsConstantStart(_s[i])) return -1;
        int j = i + 1;
        while (j < _n && IsConstantChar(_s[j])) j++;
        return j - i;
    }

    // NUMBER [-]?{LNUM}|{DNUM}
    private int Number(int i)
    {
        int best = -1;
        int j = i;
        if (At(j) == '-') j++;
        int d = j;
        while (d < _n && char.IsAsciiDigit(_s[d])) d++;
        if (d > j) best = d - i;
        // DNUM ([0-9]*[\.][0-9]+)|([0-9]+[\.][0-9]*)
        int k = i;
        while (k < _n && char.IsAsciiDigit(_s[k])) k++;
        int intDigits = k - i;
        if (At(k) == '.')
        {
            int f = k + 1;
            while (f < _n && char.IsAsciiDigit(_s[f])) f++;
            int fracDigits = f - k - 1;
            if (intDigits > 0 || fracDigits > 0) best = Math.Max(best, f - i);
        }
        return best;
    }

    // {VALUE_CHARS}+ with LITERAL_DOLLAR ("$"([^{\000]|("\\"{ANY_CHAR}))), and {SECTION_VALUE_CHARS}+
    // which also allows "\\"{ANY_CHAR}. The alternatives overlap (`$\$` is one LITERAL_DOLLAR, or
    // `$\` followed by a `$` that starts the next one), so the longest match is found over every
    // path, as re2c's DFA does. Sets pastEnd when a path would consume the NUL terminator (then
    // PHP's YYFILL returns 0).
    private int CharRun(int i, bool section, ref bool pastEnd)
    {
        // reach holds, as bits, which of positions j, j+1, j+2, j+3 a path can reach.
        int reach = 1;
        int longest = 0;
        int j = i;
        for (; j < _n && reach != 0; j++, reach >>= 1)
        {
            if ((reach & 1) == 0) continue;
            if (j > i) longest = j - i;
            char c = _s[j];
            if (section ? IsPlainSectionValueChar(c) : IsPlainValueChar(c)) reach |= 2;
            if (section && c == '\\')
            {
                if (j + 1 >= _n) pastEnd = true;
                else reach |= 4;
            }
            if (c == '$' && j + 1 < _n)
            {
                char next = _s[j + 1];
                if (next != '{') reach |= 4;
                if (next == '\\')
                {
                    if (j + 2 >= _n) pastEnd = true;
                    else reach |= 8;
                }
            }
        }
        if (j == _n && (reach & 1) != 0) longest = _n - i;
        return longest > 0 ? longest : -1;
    }

    private int ValueChars(int i, ref bool pastEnd) => CharRun(i, section: false, ref pastEnd);

    private int SectionValueChars(int i, ref bool pastEnd) => CharRun(i, section: true, ref pastEnd);

    // "'"{SINGLE_QUOTED_CHARS}+"'": at least one character, so `''` is not a string (see the
    // ST_VALUE fallback); an unclosed quote runs into the end of the input.
    private int SingleQuoted(int i, ref bool pastEnd)
    {
        if (At(i) != '\'' || i >= _n) return -1;
        if (i + 1 < _n && _s[i + 1] == '\'') return -1;
        int close = _s.IndexOf('\'', i + 1);
        if (close < 0) { pastEnd = true; return -1; }
        return close - i + 1;
    }

    // {TABS_AND_SPACES}*[;][^\r\n]*{NEWLINE}
    private int Comment(int i, ref bool pastEnd)
    {
        int j = i + TabsAndSpaces(i);
        if (At(j) != ';' || j >= _n) return -1;
        j++;
        while (j < _n && _s[j] != '\r' && _s[j] != '\n') j++;
        if (j >= _n) { pastEnd = true; return -1; }
        return j + Newline(j) - i;
    }

    private IniToken Make(IniTokenKind kind, int start, int end, string value, int valueStart, int valueEnd, char c = '\0') =>
        new(kind, c, value, TextSpan.FromBounds(start, end), TextSpan.FromBounds(valueStart, valueEnd), _line);

    private IniToken Simple(IniTokenKind kind, int start, int end, char c = '\0') =>
        Make(kind, start, end, SharedStrings.Get(_s.AsSpan(start, end - start)), start, end, c);

    private IniToken EndToken(int at) => new(IniTokenKind.End, '\0', "", new TextSpan(at, 0), new TextSpan(at, 0), _line);

    private void Push(State next)
    {
        _stack.Push(_state);
        _state = next;
    }

    private void Pop() => _state = _stack.Count > 0 ? _stack.Pop() : State.Initial;

    /// <summary>The next token (ini_lex).</summary>
    public IniToken Next()
    {
    restart:
        int start = _pos;
        if (_pos >= _n)
        {
            if (_state is State.Value or State.Raw)
            {
                _state = State.Initial;
                return Simple(IniTokenKind.EndOfLine, _pos, _pos);
            }
            return EndToken(_pos);
        }
        // A UTF-8 BOM at the very start is skipped when more input follows (YYCURSOR + 3 < YYLIMIT).
        if (_pos == 0 && _s[0] == '\uFEFF' && _n > 1)
        {
            _pos = 1;
            goto restart;
        }

        // Candidates: (rule number in the .l file, length). Longest wins, ties go to the lower rule.
        int bestRule = -1, bestLen = 0;
        bool pastEnd = false;
        void Offer(int rule, int len)
        {
            if (len <= 0) return;
            if (len > bestLen || (len == bestLen && rule < bestRule)) { bestLen = len; bestRule = rule; }
        }
        char c = _s[start];

        switch (_state)
        {
            case State.Initial:
            {
                if (c == '[') Offer(1, 1);
                int label = LabelRun(start, ref pastEnd);
                if (label > 0 && At(start + label) == '[' && start + label < _n)
                    Offer(4, label + 1 + TabsAndSpaces(start + label + 1));
                Offer(9, Words(start, TrueWords));
                Offer(10, Words(start, FalseWords));
                Offer(11, Words(start, NullWords));
                Offer(12, label);
                int ws = TabsAndSpaces(start);
                if (At(start + ws) == '=' && start + ws < _n) Offer(13, ws + 1 + TabsAndSpaces(start + ws + 1));
                if (IsTokenChar(c)) Offer(19, 1);
                Offer(28, ws);
                int nl = Newline(start + ws);
                if (nl > 0) Offer(29, ws + nl);
                Offer(30, Comment(start, ref pastEnd));
                break;
            }
            case State.Value:
            {
                Offer(2, SingleQuoted(start, ref pastEnd));
                if (c == '$' && At(start + 1) == '{' && start + 1 < _n) Offer(6, 2);
                Offer(9, Words(start, TrueWords));
                Offer(10, Words(start, FalseWords));
                Offer(11, Words(start, NullWords));
                int ws = TabsAndSpaces(start);
                int nl = Newline(start + ws);
                if (nl > 0) Offer(16, ws + nl);
                Offer(17, Constant(start));
                Offer(18, Number(start));
                if (IsOperator(c)) Offer(20, 1 + TabsAndSpaces(start + 1));
                if (c == '=') Offer(21, 1);
                Offer(22, ValueChars(start, ref pastEnd));
                if (At(start + ws) == '"' && start + ws < _n) Offer(24, ws + 1);
                Offer(27, ws);
                Offer(30, Comment(start, ref pastEnd));
                break;
            }
            case State.Raw:
            {
                if (c is not ('\n' or '\r' or ';')) Offer(14, 1);
                int ws = TabsAndSpaces(start);
                int nl = Newline(start + ws);
                if (nl > 0) Offer(16, ws + nl);
                Offer(28, ws);
                Offer(30, Comment(start, ref pastEnd));
                break;
            }
            case State.SectionValue:
            case State.Offset:
            {
                Offer(2, SingleQuoted(start, ref pastEnd));
                if (_state == State.SectionValue && c == ']')
                {
                    int ws = TabsAndSpaces(start + 1);
                    Offer(3, 1 + ws + Newline(start + 1 + ws));
                }
                if (_state == State.Offset)
                {
                    int ws = TabsAndSpaces(start);
                    if (At(start + ws) == ']' && start + ws < _n) Offer(5, ws + 1);
                }
                if (c == '$' && At(start + 1) == '{' && start + 1 < _n) Offer(6, 2);
                Offer(17, Constant(start));
                Offer(18, Number(start));
                Offer(23, SectionValueChars(start, ref pastEnd));
                int w = TabsAndSpaces(start);
                if (At(start + w) == '"' && start + w < _n) Offer(24, w + 1);
                Offer(27, w);
                break;
            }
            case State.SectionRaw:
            {
                if (c == ']')
                {
                    int ws = TabsAndSpaces(start + 1);
                    Offer(3, 1 + ws + Newline(start + 1 + ws));
                }
                int j = start;
                while (j < _n && _s[j] is not (']' or '\n' or '\r')) j++;
                if (j >= _n) pastEnd = true;
                Offer(15, j - start);
                break;
            }
            case State.DoubleQuotes:
            {
                if (c == '$' && At(start + 1) == '{' && start + 1 < _n) Offer(6, 2);
                if (c == '"') Offer(25, 1 + TabsAndSpaces(start + 1));
                Offer(26, 1);
                break;
            }
            case State.VarName:
            {
                Offer(7, LabelRun(start, ref pastEnd));
                if (c == '}') Offer(8, 1);
                break;
            }
        }

        if (pastEnd)
        {
            _pos = _n;
            return EndToken(start);
        }
        if (bestRule < 0)
        {
            _pos = start + 1;
            if (_state == State.Value)
            {
                // In a value, a character no rule matches (a `'` opening `''`, a `$` at the end) ends
                // the value: PHP returns END_OF_LINE there and reads on from the next character.
                _state = State.Initial;
                return Simple(IniTokenKind.EndOfLine, start, start + 1);
            }
            // <*>[^] { return 0; }
            return EndToken(start);
        }

        int end = start + bestLen;
        _pos = end;
        switch (bestRule)
        {
            case 1:
                _state = _mode == IniScannerMode.Raw ? State.SectionRaw : State.SectionValue;
                return Simple(IniTokenKind.TcSection, start, end);
            case 2:
                return Make(IniTokenKind.TcRaw, start, end, SharedStrings.Get(_s.AsSpan(start + 1, bestLen - 2)), start + 1, end - 1);
            case 3:
                _state = State.Initial;
                _line++;
                return Simple(IniTokenKind.Char, start, end, ']');
            case 4:
            {
                var (vs, ve) = TrimLeading(start, end);
                while (ve > vs && _s[ve - 1] is '[' or '\n' or '\r' or '\t' or ' ') ve--;
                Push(State.Offset);
                return Make(IniTokenKind.TcOffset, start, end, _s[vs..ve], vs, ve);
            }
            case 5:
                _state = State.Initial;
                return Simple(IniTokenKind.Char, start, end, ']');
            case 6:
                Push(State.VarName);
                return Simple(IniTokenKind.TcDollarCurly, start, end);
            case 7:
            {
                var (vs, ve) = TrimBoth(start, end);
                return Make(IniTokenKind.TcVarname, start, end, _s[vs..ve], vs, ve);
            }
            case 8:
                Pop();
                return Simple(IniTokenKind.Char, start, end, '}');
            case 9:
                return Make(IniTokenKind.BoolTrue, start, end, "1", start, end);
            case 10:
                return Make(IniTokenKind.BoolFalse, start, end, "", start, end);
            case 11:
                return Make(IniTokenKind.NullNull, start, end, "", start, end);
            case 12:
            {
                var (vs, ve) = TrimBoth(start, end);
                return Make(IniTokenKind.TcLabel, start, end, _s[vs..ve], vs, ve);
            }
            case 13:
                _state = _mode == IniScannerMode.Raw ? State.Raw : State.Value;
                return Simple(IniTokenKind.Char, start, end, '=');
            case 14:
                return RawValue(start);
            case 15:
                return Simple(IniTokenKind.TcRaw, start, end);
            case 16:
            case 29:
            case 30:
                _state = State.Initial;
                _line++;
                return Simple(IniTokenKind.EndOfLine, start, end);
            case 17:
                return Simple(IniTokenKind.TcConstant, start, end);
            case 18:
                return Simple(IniTokenKind.TcNumber, start, end);
            case 19:
            case 20:
                return Simple(IniTokenKind.Char, start, end, c);
            case 21:
                // <ST_VALUE>[=]: yyless(0); BEGIN(INITIAL); return END_OF_LINE — the '=' is read again.
                _pos = start;
                _state = State.Initial;
                return Make(IniTokenKind.EndOfLine, start, start, "", start, start);
            case 22:
            case 23:
                return Simple(IniTokenKind.TcString, start, end);
            case 24:
                Push(State.DoubleQuotes);
                return Simple(IniTokenKind.Char, start, end, '"');
            case 25:
                Pop();
                return Simple(IniTokenKind.Char, start, end, '"');
            case 26:
                return QuotedString(start);
            case 27:
                return Simple(IniTokenKind.TcWhitespace, start, end);
            case 28:
                goto restart;
        }
        return EndToken(start);
    }

    private (int, int) TrimLeading(int start, int end)
    {
        while (start < end && IsTabOrSpace(_s[start])) start++;
        return (start, end);
    }

    // EAT_LEADING_WHITESPACE() then EAT_TRAILING_WHITESPACE()
    private (int, int) TrimBoth(int start, int end)
    {
        (start, end) = TrimLeading(start, end);
        while (end > start && _s[end - 1] is '\n' or '\r' or '\t' or ' ') end--;
        return (start, end);
    }

    // <ST_RAW>{RAW_VALUE_CHARS}: the rest of the line; a ';' outside a leading double-quoted part
    // starts a comment; trailing blanks and one pair of surrounding double quotes are removed.
    private IniToken RawValue(int start)
    {
        int vs = IsTabOrSpace(_s[start]) ? start + 1 : start;
        bool quoted = At(vs) == '"' && vs < _n;
        int cursor = start + 1;
        int semicolon = -1;
        while (cursor < _n)
        {
            char ch = _s[cursor];
            if (ch is '\n' or '\r') break;
            if (ch == ';')
            {
                if (semicolon < 0) semicolon = cursor;
            }
            else if (ch == '"' && quoted)
            {
                semicolon = -1;
            }
            cursor++;
        }
        int end = semicolon >= 0 ? semicolon : cursor;
        int ve = Math.Max(end, vs);
        while (ve > vs && _s[ve - 1] is '\n' or '\r' or '\t' or ' ') ve--;
        if (ve - vs > 1 && _s[vs] == '"' && _s[ve - 1] == '"') { vs++; ve--; }
        _pos = cursor;
        return Make(IniTokenKind.TcRaw, start, cursor, _s[vs..ve], vs, ve);
    }

    // <ST_DOUBLE_QUOTES>[^]: up to the closing quote or "${"; only \" \\ \$ are unescaped
    // (zend_ini_escape_string). A backslash-quote right before a line end or the end of input
    // closes the string ("C:\path\" stays a Windows path).
    private IniToken QuotedString(int start)
    {
        int s = start;
        while (s < _n)
        {
            char ch = _s[s++];
            if (ch == '"') { s--; break; }
            if (ch == '$')
            {
                if (s < _n && _s[s] == '{') { s--; break; }
                continue;
            }
            if (ch == '\\' && s < _n)
            {
                char escaped = _s[s++];
                if (escaped == '"' && (s >= _n || _s[s] == '\n' || _s[s] == '\r')) { s--; break; }
            }
        }
        _pos = s;
        var sb = new System.Text.StringBuilder(s - start);
        for (int i = start; i < s; i++)
        {
            char ch = _s[i];
            if (ch == '\\')
            {
                i++;
                if (i >= s) { sb.Append('\\'); break; }
                char e = _s[i];
                if (e is '"' or '\\' or '$') sb.Append(e);
                else sb.Append('\\').Append(e);
                ch = e;
            }
            else
            {
                sb.Append(ch);
            }
            if (ch == '\n' || (ch == '\r' && (i + 1 >= s || _s[i + 1] != '\n'))) _line++;
        }
        return Make(IniTokenKind.TcQuotedString, start, s, SharedStrings.Get(sb), start, s);
    }
}
