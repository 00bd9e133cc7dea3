using CsCheck;

namespace ConfLint.Tests.Syntax.Ini;

/// <summary>CsCheck generators of INI texts that mix every construct of PHP's INI grammar, valid and invalid.</summary>
public static class IniGenerators
{
    private static readonly string[] Keys =
    {
        "a", "key", "display_errors", "error_reporting", "x.y", "date.timezone", "#z", "0", "12", "-3", "012", "a b", "k:v", "ext",
        "extension", "on x", "true", "null", "yes", "none", "é", "A_B", "+5", "1e3", "9223372036854775807", "9223372036854775808", "-0", "00",
    };

    private static readonly string[] Words =
    {
        "1", "0", "-1", "1.5", ".5", "-", "On", "off", "TRUE", "no", "None", "NULL", "yes", "E_ALL", "E_NOTICE", "E_STRICT", "E_DEPRECATED",
        "PHP_EOL", "PHP_INT_MAX", "M_PI", "UNKNOWN_CONST", "foo", "/usr/lib/php", "128M", "1G", "a.b", "x-y", "C:\\path\\", "$", "$x", "$\\",
        "${HOME}", "${CONFLINT_INI_VAR}", "${NOT_SET_ANYWHERE}", "${}", "${ a }", "4294967296", "99999999999999999999", "0x1A", "é", "trueish",
        "\\", "@", "%", "?", "<", ">", "*", ",", ":", "{", "}",
    };

    private static readonly string[] Pieces =
    {
        " ", "  ", "\t", "=", " = ", "\"", "'", "[", "]", "(", ")", "|", "&", "^", "~", "!", ";", "; comment", "#", "\\\"", "\\\\", "\\$",
        "${", "}", "\r", "\uFEFF",
    };

    private static readonly string[] Newlines = { "\n", "\n", "\n", "\r\n", "\r" };

    private static readonly Gen<string> Word = Gen.OneOfConst(Words);

    private static readonly Gen<string> Key = Gen.OneOfConst(Keys);

    private static readonly Gen<string> Blank = Gen.OneOfConst("", "", " ", "  ", "\t");

    // A value as the grammar builds it: strings, quotes, variables, operators and parentheses.
    private static readonly Gen<string> Atom = Gen.Frequency(
        (6, Word),
        (2, Word.Select(w => "\"" + w + "\"")),
        (1, Gen.OneOfConst("\"a\\\"b\"", "\"x${HOME}y\"", "\"multi\nline\"", "\"\"", "\"C:\\dir\\\"", "\"tab\there\"", "\"$x\"")),
        (2, Word.Select(w => "'" + w + "'")),
        (1, Gen.OneOfConst("''", "'multi\nline'", "'it\"s'")));

    private static readonly Gen<string> Value = Gen.Frequency(
        (5, Gen.Select(Atom, Blank, Atom.Array[0, 2]).Select((a, b, rest) => a + (rest.Length > 0 ? b + string.Join(b, rest) : ""))),
        (3, Gen.Select(Atom, Gen.OneOfConst(" | ", "|", " & ", " ^ ", "&~"), Atom).Select((a, op, b) => a + op + b)),
        (1, Gen.Select(Gen.OneOfConst("~", "!", "("), Atom, Gen.OneOfConst("", ")", " | 2)")).Select((p, a, s) => p + a + s)),
        (1, Gen.Const("")));

    private static readonly Gen<string> StructuredLine = Gen.Frequency(
        (8, Gen.Select(Blank, Key, Blank, Blank, Value, Gen.OneOfConst("", "", " ; note", ";", "  "))
            .Select((b1, k, b2, b3, v, c) => b1 + k + b2 + "=" + b3 + v + c)),
        (2, Gen.Select(Key, Gen.OneOfConst("[]", "[a]", "[ x ]", "[0]", "[\"q\"]", "[${HOME}]", "[-1]", "[01]", "[", "[a", "[9223372036854775807]", "[+1]", "[ 7 ]"), Value)
            .Select((k, o, v) => k + o + " = " + v)),
        (2, Gen.OneOfConst("[PATH=/www/h/o]", "[HOST=Example.COM]", "[section]", "[ spaced ]", "[5]", "[a\\]b]", "[x${HOME}]", "[\"q\"]",
            "['raw']", "[s", "[]", "[a;b]", "[PHP]", "[x] y = 1")),
        (2, Gen.OneOfConst("", "; comment", "  ;c", "# not a comment = 1", "bare_key", "true = 1", "= x", "a = b = c", "]", "(", "$x = 1",
            "\"k\" = 1", "a\tb = 1", "ke'y = 1")));

    private static readonly Gen<string> NoiseLine =
        Gen.Frequency((3, Gen.OneOfConst(Pieces)), (3, Word), (2, Key)).Array[1, 6].Select(parts => string.Concat(parts));

    private static readonly Gen<string> Line = Gen.Frequency((5, StructuredLine), (1, NoiseLine));

    /// <summary>A whole INI text: 1–8 lines with mixed line ends, sometimes without a final newline.</summary>
    public static readonly Gen<string> Text =
        Gen.Select(Line.Array[1, 8], Gen.OneOfConst(Newlines).Array[8], Gen.Bool)
            .Select((lines, newlines, finalNewline) =>
            {
                var sb = new System.Text.StringBuilder();
                for (int i = 0; i < lines.Length; i++)
                {
                    sb.Append(lines[i]);
                    if (i < lines.Length - 1 || finalNewline) sb.Append(newlines[i]);
                }
                return sb.ToString();
            });

    /// <summary>Character soup over the INI alphabet with a few words: finds the scanner's corner cases.</summary>
    public static readonly Gen<string> Soup =
        Gen.Frequency(
            (6, Gen.Char[" \t\r\n\n=;[]\"'$\\{}()|&^~!#aE_01.:-"].Select(c => c.ToString())),
            (2, Word),
            (1, Gen.OneOfConst("true", "on", "NULL", "none", "${", "PATH=", "\uFEFF")))
        .Array[0, 40].Select(parts => string.Concat(parts));

    /// <summary>Arbitrary characters, for the no-throw property.</summary>
    public static readonly Gen<string> AnyText =
        Gen.Frequency((3, Gen.Char[" \t\r\n=;[]\"'$\\{}()|&^~!#abcE_0-9.:\uFEFF\0é"]), (1, Gen.Char)).Array[0, 200].Select(cs => new string(cs));
}
