using System.Collections.Immutable;
using System.Text;
using ConfLint.Text;

namespace ConfLint.Syntax.Shell;

internal enum ShellTokenKind
{
    Word,
    Operator,
    Newline,
    Comment,
    EndOfFile,
}

internal sealed record ShellToken(ShellTokenKind Kind, TextSpan Span, string Text, ShellWord? Word = null);

/// <summary>
/// Token recognition as POSIX sh does it (XCU 2.3, dash's parser.c readtoken1): words with
/// their quoting, operators, newlines and comments; `\`+newline is a line continuation
/// everywhere but inside single quotes. Here-document bodies are skipped after their line.
/// Never throws: an unterminated quote ends at end of file and is recorded as an error.
/// </summary>
internal sealed class ShellLexer
{
    private static readonly string[] Operators = { "&&", "||", ";;", "<<-", "<<", ">>", "<&", ">&", "<>", ">|", ";", "&", "|", "(", ")", "<", ">" };

    private readonly string _text;
    private int _pos;
    private readonly List<ShellSyntaxError> _errors = new();
    private readonly List<(string Delimiter, bool StripTabs)> _pendingHereDocs = new();

    public ShellLexer(string text) => _text = text;

    public IReadOnlyList<ShellSyntaxError> Errors => _errors;

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private bool AtEnd => _pos >= _text.Length;

    public List<ShellToken> Tokenize()
    {
        var tokens = new List<ShellToken>();
        bool expectHereDocDelimiter = false;
        bool hereDocStrip = false;
        while (true)
        {
            SkipBlanksAndContinuations();
            if (AtEnd)
            {
                tokens.Add(new ShellToken(ShellTokenKind.EndOfFile, new TextSpan(_text.Length, 0), ""));
                return tokens;
            }
            char c = Peek();
            int start = _pos;
            if (c == '\n')
            {
                _pos++;
                tokens.Add(new ShellToken(ShellTokenKind.Newline, new TextSpan(start, 1), "\n"));
                SkipHereDocBodies();
                continue;
            }
            if (c == '#')
            {
                while (!AtEnd && Peek() != '\n') _pos++;
                tokens.Add(new ShellToken(ShellTokenKind.Comment, TextSpan.FromBounds(start, _pos), _text[start.._pos]));
                continue;
            }
            var op = MatchOperator();
            if (op is not null)
            {
                _pos += op.Length;
                tokens.Add(new ShellToken(ShellTokenKind.Operator, TextSpan.FromBounds(start, _pos), op));
                if (op is "<<" or "<<-") { expectHereDocDelimiter = true; hereDocStrip = op == "<<-"; }
                continue;
            }
            var word = ReadWord();
            tokens.Add(new ShellToken(ShellTokenKind.Word, word.Span, word.Raw, word));
            if (expectHereDocDelimiter)
            {
                _pendingHereDocs.Add((string.Concat(word.Segments.Select(s => s.Text)), hereDocStrip));
                expectHereDocDelimiter = false;
            }
        }
    }

    private string? MatchOperator()
    {
        foreach (var op in Operators)
        {
            if (string.CompareOrdinal(_text, _pos, op, 0, op.Length) == 0) return op;
        }
        return null;
    }

    private void SkipBlanksAndContinuations()
    {
        while (!AtEnd)
        {
            char c = Peek();
            if (c is ' ' or '\t') { _pos++; continue; }
            if (c == '\\' && Peek(1) == '\n') { _pos += 2; continue; }
            break;
        }
    }

    // After the newline that ends a line with `<<WORD`, the body runs to a line equal to WORD.
    private void SkipHereDocBodies()
    {
        foreach (var (delimiter, strip) in _pendingHereDocs)
        {
            while (!AtEnd)
            {
                int lineStart = _pos;
                while (!AtEnd && Peek() != '\n') _pos++;
                var line = _text[lineStart.._pos];
                if (!AtEnd) _pos++;
                if (strip) line = line.TrimStart('\t');
                if (line == delimiter) break;
            }
        }
        _pendingHereDocs.Clear();
    }

    private static bool IsWordEnd(char c) => c is ' ' or '\t' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>' or '\0';

    /// <summary>Reads one word (dash readtoken1): quotes, escapes and expansions, up to an unquoted metacharacter.</summary>
    // One word is read at a time, so its builders are reused from word to word.
    private readonly ImmutableArray<ShellSegment>.Builder _segments = ImmutableArray.CreateBuilder<ShellSegment>();
    private readonly StringBuilder _literal = new();

    private ShellWord ReadWord()
    {
        int start = _pos;
        var segments = _segments;
        var literal = _literal;
        segments.Clear();
        literal.Clear();
        int literalStart = _pos;
        bool literalQuoted = false;

        void Flush(int end)
        {
            if (literal.Length > 0 || (literalQuoted && end > literalStart))
                segments.Add(new ShellSegment(ShellSegmentKind.Literal, SharedStrings.Get(literal), TextSpan.FromBounds(literalStart, end), literalQuoted));
            literal.Clear();
        }

        void StartLiteral(bool quoted)
        {
            if (literalQuoted != quoted || literal.Length == 0)
            {
                Flush(_pos);
                literalStart = _pos;
                literalQuoted = quoted;
            }
        }

        while (!AtEnd)
        {
            char c = Peek();
            // A CR is an ordinary character to sh: DOS line endings end up inside words.
            if (IsWordEnd(c)) break;
            if (c == '\\')
            {
                if (Peek(1) == '\n') { _pos += 2; continue; }
                StartLiteral(false);
                _pos++;
                if (!AtEnd) { literal.Append(Peek()); _pos++; }
                else literal.Append('\\');
                continue;
            }
            if (c == '\'')
            {
                Flush(_pos);
                int qStart = _pos;
                _pos++;
                int close = _text.IndexOf('\'', _pos);
                if (close < 0)
                {
                    _errors.Add(new ShellSyntaxError(TextSpan.FromBounds(qStart, _text.Length), "unterminated quoted string (')"));
                    close = _text.Length;
                }
                segments.Add(new ShellSegment(ShellSegmentKind.Literal, SharedStrings.Get(_text.AsSpan(_pos, close - _pos)), TextSpan.FromBounds(qStart, Math.Min(close + 1, _text.Length)), true));
                _pos = Math.Min(close + 1, _text.Length);
                literalStart = _pos;
                literalQuoted = false;
                continue;
            }
            if (c == '"')
            {
                Flush(_pos);
                ReadDoubleQuoted(segments);
                literalStart = _pos;
                literalQuoted = false;
                continue;
            }
            if (c == '$' || c == '`')
            {
                var expansion = ReadExpansion(quoted: false);
                if (expansion is not null)
                {
                    Flush(expansion.Span.Start);
                    segments.Add(expansion);
                    literalStart = _pos;
                    literalQuoted = false;
                    continue;
                }
            }
            StartLiteral(false);
            literal.Append(c);
            _pos++;
        }
        Flush(_pos);
        // A plain word (one unquoted literal, no escapes) is its own text: both share one string.
        var text = segments is [{ Kind: ShellSegmentKind.Literal, Quoted: false } only] && only.Span == TextSpan.FromBounds(start, _pos)
            && only.Text.Length == _pos - start
            ? only.Text
            : SharedStrings.Get(_text.AsSpan(start, _pos - start));
        return new ShellWord(TextSpan.FromBounds(start, _pos), text, segments.DrainToImmutable());
    }

    // Inside "…": `\` escapes only $ ` " \ and newline (XCU 2.2.3); $ and ` expand.
    private void ReadDoubleQuoted(ImmutableArray<ShellSegment>.Builder segments)
    {
        int qStart = _pos;
        _pos++;
        var literal = new StringBuilder();
        int literalStart = qStart;
        bool closed = false;
        bool first = true;
        while (!AtEnd)
        {
            char c = Peek();
            if (c == '"') { _pos++; closed = true; break; }
            if (c == '\\')
            {
                char n = Peek(1);
                if (n == '\n') { _pos += 2; continue; }
                if (n is '$' or '`' or '"' or '\\') { literal.Append(n); _pos += 2; continue; }
                literal.Append('\\');
                _pos++;
                continue;
            }
            if (c is '$' or '`')
            {
                int at = _pos;
                var expansion = ReadExpansion(quoted: true);
                if (expansion is not null)
                {
                    if (literal.Length > 0 || first)
                        segments.Add(new ShellSegment(ShellSegmentKind.Literal, SharedStrings.Get(literal), TextSpan.FromBounds(literalStart, at), true));
                    literal.Clear();
                    first = false;
                    segments.Add(expansion);
                    literalStart = _pos;
                    continue;
                }
            }
            literal.Append(c);
            _pos++;
        }
        if (!closed) _errors.Add(new ShellSyntaxError(TextSpan.FromBounds(qStart, _text.Length), "unterminated quoted string (\")"));
        if (literal.Length > 0 || first)
            segments.Add(new ShellSegment(ShellSegmentKind.Literal, SharedStrings.Get(literal), TextSpan.FromBounds(literalStart, _pos), true));
    }

    private static bool IsNameStart(char c) => c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');

    private static bool IsNameChar(char c) => IsNameStart(c) || (c >= '0' && c <= '9');

    /// <summary>
    /// Reads `$NAME`, `${…}`, `$(…)`, `$((…))`, `$1`/`$?`… or a backquoted command; null when
    /// the `$` is a plain character (followed by nothing that expands).
    /// </summary>
    private ShellSegment? ReadExpansion(bool quoted)
    {
        int start = _pos;
        if (Peek() == '`')
        {
            _pos++;
            while (!AtEnd && Peek() != '`')
            {
                if (Peek() == '\\') _pos++;
                _pos++;
            }
            if (AtEnd) _errors.Add(new ShellSyntaxError(TextSpan.FromBounds(start, _text.Length), "unterminated command substitution (`)"));
            else _pos++;
            _pos = Math.Min(_pos, _text.Length);
            return new ShellSegment(ShellSegmentKind.Unknown, _text[start.._pos], TextSpan.FromBounds(start, _pos), quoted);
        }
        char n = Peek(1);
        if (IsNameStart(n))
        {
            _pos++;
            // A line continuation is removed before names are read: `$AB\<newline>C` is $ABC.
            var name = new StringBuilder();
            while (!AtEnd)
            {
                if (IsNameChar(Peek())) { name.Append(Peek()); _pos++; }
                else if (Peek() == '\\' && Peek(1) == '\n' && IsNameChar(Peek(2))) _pos += 2;
                else break;
            }
            return new ShellSegment(ShellSegmentKind.Parameter, name.ToString(), TextSpan.FromBounds(start, _pos), quoted);
        }
        if (n == '{')
        {
            _pos += 2;
            int depth = 1;
            while (!AtEnd && depth > 0)
            {
                char c = Peek();
                if (c == '\\') { _pos += 2; continue; }
                if (c == '{') depth++;
                else if (c == '}') depth--;
                _pos++;
            }
            _pos = Math.Min(_pos, _text.Length);
            if (depth > 0) _errors.Add(new ShellSyntaxError(TextSpan.FromBounds(start, _text.Length), "missing '}' in parameter expansion"));
            var inner = _text[(start + 2)..Math.Max(start + 2, _pos - (depth == 0 ? 1 : 0))];
            bool plainName = inner.Length > 0 && IsNameStart(inner[0]) && inner.All(IsNameChar);
            return new ShellSegment(plainName ? ShellSegmentKind.Parameter : ShellSegmentKind.Unknown, plainName ? inner : _text[start.._pos],
                TextSpan.FromBounds(start, _pos), quoted);
        }
        if (n == '(')
        {
            _pos += 2;
            int depth = 1;
            while (!AtEnd && depth > 0)
            {
                char c = Peek();
                if (c == '\\') { _pos += 2; continue; }
                if (c == '\'')
                {
                    int close = _text.IndexOf('\'', _pos + 1);
                    _pos = close < 0 ? _text.Length : close + 1;
                    continue;
                }
                if (c == '(') depth++;
                else if (c == ')') depth--;
                _pos++;
            }
            _pos = Math.Min(_pos, _text.Length);
            if (depth > 0) _errors.Add(new ShellSyntaxError(TextSpan.FromBounds(start, _text.Length), "missing ')' in command substitution"));
            return new ShellSegment(ShellSegmentKind.Unknown, _text[start.._pos], TextSpan.FromBounds(start, _pos), quoted);
        }
        if (n is '@' or '*' or '#' or '?' or '-' or '$' or '!' || (n >= '0' && n <= '9'))
        {
            _pos += 2;
            return new ShellSegment(ShellSegmentKind.Unknown, _text[start.._pos], TextSpan.FromBounds(start, _pos), quoted);
        }
        return null;
    }
}
