using ConfLint.Text;

namespace ConfLint.Syntax.Ini;

/// <summary>The terminals of zend_ini_parser.y (PHP 8.2), named as bison names them in its error messages.</summary>
public enum IniTokenKind
{
    /// <summary>Token 0: the end of the input, or a character the scanner cannot match (the `&lt;*&gt;[^]` rule returns 0).</summary>
    End,
    TcSection,
    TcRaw,
    TcConstant,
    TcNumber,
    TcString,
    TcWhitespace,
    TcLabel,
    TcOffset,
    TcDollarCurly,
    TcVarname,
    TcQuotedString,
    BoolTrue,
    BoolFalse,
    NullNull,
    EndOfLine,

    /// <summary>A single-character token (`=`, `]`, `"`, `|`, `(`, …); the character is in <see cref="IniToken.Char"/>.</summary>
    Char,
}

/// <summary>
/// One token of the INI scanner. <see cref="Span"/> covers the text the scanner consumed;
/// <see cref="ValueSpan"/> the part that became the token's value (after the scanner trimmed
/// blanks and quotes). <see cref="LineAfter"/> is the scanner's line counter once the token was
/// read: that is the line PHP names in "syntax error … on line N".
/// </summary>
public readonly record struct IniToken(IniTokenKind Kind, char Char, string Value, TextSpan Span, TextSpan ValueSpan, int LineAfter)
{
    /// <summary>The token as bison names it in "syntax error, unexpected X".</summary>
    public string DisplayName => Kind switch
    {
        IniTokenKind.End => "end of file",
        IniTokenKind.Char => "'" + Char + "'",
        IniTokenKind.TcSection => "TC_SECTION",
        IniTokenKind.TcRaw => "TC_RAW",
        IniTokenKind.TcConstant => "TC_CONSTANT",
        IniTokenKind.TcNumber => "TC_NUMBER",
        IniTokenKind.TcString => "TC_STRING",
        IniTokenKind.TcWhitespace => "TC_WHITESPACE",
        IniTokenKind.TcLabel => "TC_LABEL",
        IniTokenKind.TcOffset => "TC_OFFSET",
        IniTokenKind.TcDollarCurly => "TC_DOLLAR_CURLY",
        IniTokenKind.TcVarname => "TC_VARNAME",
        IniTokenKind.TcQuotedString => "TC_QUOTED_STRING",
        IniTokenKind.BoolTrue => "BOOL_TRUE",
        IniTokenKind.BoolFalse => "BOOL_FALSE",
        IniTokenKind.NullNull => "NULL_NULL",
        IniTokenKind.EndOfLine => "END_OF_LINE",
        _ => Kind.ToString(),
    };

    public bool Is(char c) => Kind == IniTokenKind.Char && Char == c;
}
