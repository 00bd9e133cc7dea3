using System.Globalization;

namespace ConfLint.Syntax.Ini;

/// <summary>
/// Checks a directive's value (the string PHP stores, after the INI parser) the way PHP's
/// on-modify handlers read it: OnUpdateBool (zend_ini_parse_bool), OnUpdateLong and size
/// directives (zend_ini_parse_quantity), enumerations. Returns null for a valid value, or a
/// sentence saying how PHP reads the bad one. Shared by php.ini (CL4004) and FPM
/// php_value/php_admin_value checks.
/// </summary>
public static class PhpValueValidator
{
    private static readonly string[] BooleanWords = { "on", "off", "yes", "no", "true", "false", "none", "" };

    public static string? Validate(PhpDirective directive, string value) => directive.Type switch
    {
        PhpDirectiveType.Bool => ValidateBool(value),
        PhpDirectiveType.Int or PhpDirectiveType.Size => ValidateQuantity(value),
        PhpDirectiveType.Enum => ValidateEnum(directive, value),
        _ => null,
    };

    /// <summary>
    /// zend_ini_parse_bool: "true", "yes", "on" (any case) are true, anything else is atoi(value) != 0.
    /// A value that is neither a boolean word nor a number is read silently as Off (`O` for `0`, `Of`).
    /// </summary>
    public static string? ValidateBool(string value)
    {
        var v = value.Trim();
        if (BooleanWords.Contains(v.ToLowerInvariant())) return null;
        if (IsInteger(v)) return null;
        bool on = IniParser.Atoi(value) != 0;
        return $"'{value}' is not a boolean: PHP reads it as {(on ? "On" : "Off")} (only On/Off, Yes/No, True/False, 1/0 are meant)";
    }

    private static bool IsInteger(string v)
    {
        int i = 0;
        if (i < v.Length && v[i] is '+' or '-') i++;
        if (i >= v.Length) return false;
        for (; i < v.Length; i++) if (!char.IsAsciiDigit(v[i])) return false;
        return true;
    }

    public static string? ValidateEnum(PhpDirective directive, string value)
    {
        if (directive.EnumAcceptsBooleans && ValidateBool(value) is null) return null;
        foreach (var allowed in directive.EnumValues)
            if (allowed != "bool+" && string.Equals(allowed, value.Trim(), StringComparison.OrdinalIgnoreCase)) return null;
        var listed = directive.EnumValues.Where(v => v != "bool+").Select(v => v.Length == 0 ? "\"\"" : v);
        var reading = directive.EnumAcceptsBooleans ? $" (PHP reads it as {(IniParser.Atoi(value) != 0 ? "On" : "Off")})" : "";
        return $"'{value}' is not one of {string.Join(", ", listed)}{(directive.EnumAcceptsBooleans ? " or a boolean" : "")}{reading}";
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f';

    /// <summary>
    /// zend_ini_parse_quantity (PHP 8.2): optional sign, digits (0x/0o/0b prefixes), optional blanks
    /// and one K/M/G multiplier. Returns PHP's warning text for an invalid quantity, else null.
    /// </summary>
    public static string? ValidateQuantity(string value)
    {
        int start = 0, end = value.Length;
        while (start < end && IsWhitespace(value[start])) start++;
        while (end > start && IsWhitespace(value[end - 1])) end--;
        if (start == end) return null;
        int p = start;
        if (value[p] is '+' or '-') p++;
        if (p >= end || !char.IsAsciiDigit(value[p]))
            return $"Invalid quantity \"{value}\": no valid leading digits, interpreting as \"0\" for backwards compatibility";
        int numberBase = 10;
        if (value[p] == '0' && (p + 1 >= end || !char.IsAsciiDigit(value[p + 1])))
        {
            if (p + 1 == end) return null;
            char prefix = value[p + 1];
            switch (prefix)
            {
                case 'g' or 'G' or 'm' or 'M' or 'k' or 'K':
                    break;
                case 'x' or 'X': numberBase = 16; p += 2; break;
                case 'o' or 'O': numberBase = 8; p += 2; break;
                case 'b' or 'B': numberBase = 2; p += 2; break;
                default:
                    return $"Invalid prefix \"0{prefix}\", interpreting as \"0\" for backwards compatibility";
            }
            if (numberBase != 10 && (p >= end || IsWhitespace(value[p])))
                return $"Invalid quantity \"{value}\": no digits after base prefix, interpreting as \"0\" for backwards compatibility";
        }
        // ZEND_STRTOL with base 0 for plain numbers: a leading 0 followed by digits is octal ("010" is 8, "08" stops at 8).
        if (numberBase == 10 && value[p] == '0' && p + 1 < end && char.IsAsciiDigit(value[p + 1])) numberBase = 8;
        int digitsStart = p;
        while (p < end && IsDigitIn(value[p], numberBase)) p++;
        if (p == digitsStart)
            return $"Invalid quantity \"{value}\": no valid leading digits, interpreting as \"0\" for backwards compatibility";
        if (!FitsInSignedLong(value.AsSpan(digitsStart, p - digitsStart), numberBase, value[start] == '-'))
            return $"Invalid quantity \"{value}\": value is out of range, using overflow result for backwards compatibility";
        while (p < end && IsWhitespace(value[p])) p++;
        if (p == end) return null;
        char suffix = value[end - 1];
        if (suffix is not ('g' or 'G' or 'm' or 'M' or 'k' or 'K'))
            return $"Invalid quantity \"{value}\": unknown multiplier \"{suffix}\"";
        if (p != end - 1)
            return $"Invalid quantity \"{value}\": more than one character after the number";
        return null;
    }

    private static bool FitsInSignedLong(ReadOnlySpan<char> digits, int numberBase, bool negative)
    {
        var limit = negative ? (System.Numerics.BigInteger)long.MaxValue + 1 : long.MaxValue;
        System.Numerics.BigInteger n = 0;
        foreach (var c in digits)
        {
            n = n * numberBase + Convert.ToInt32(c.ToString(), 16);
            if (n > limit) return false;
        }
        return true;
    }

    private static bool IsDigitIn(char c, int numberBase) => numberBase switch
    {
        16 => char.IsAsciiHexDigit(c),
        8 => c is >= '0' and <= '7',
        2 => c is '0' or '1',
        _ => char.IsAsciiDigit(c),
    };

    /// <summary>The quantity in bytes or units, as PHP computes it for a valid value (overflow not modelled).</summary>
    public static long? ParseQuantity(string value)
    {
        if (ValidateQuantity(value) is not null) return null;
        var v = value.Trim(' ', '\t', '\n', '\r', '\v', '\f');
        if (v.Length == 0) return 0;
        long factor = 1;
        char last = char.ToUpperInvariant(v[^1]);
        if (last is 'K' or 'M' or 'G')
        {
            factor = last switch { 'K' => 1L << 10, 'M' => 1L << 20, _ => 1L << 30 };
            v = v[..^1].TrimEnd();
        }
        bool negative = v.StartsWith('-');
        if (v[0] is '+' or '-') v = v[1..];
        int b = 10;
        if (v.Length > 1 && v[0] == '0' && char.IsLetter(v[1]))
        {
            b = char.ToLowerInvariant(v[1]) switch { 'x' => 16, 'o' => 8, 'b' => 2, _ => 10 };
            v = v[2..];
        }
        try
        {
            long n = Convert.ToInt64(v, b);
            return (negative ? -n : n) * factor;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
