namespace ConfLint.Syntax.Apache;

/// <summary>APR's <c>apr_fnmatch</c> and <c>apr_fnmatch_test</c> as httpd's Include uses them (flag APR_FNM_PERIOD only).</summary>
public static class ApacheFnmatch
{
    /// <summary>apr_fnmatch_test: true when a pattern has <c>*</c>, <c>?</c> or a <c>[…]</c> class (a backslash escapes the next character).</summary>
    public static bool IsPattern(string pattern)
    {
        int nesting = 0;
        for (int i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '?':
                case '*':
                    return true;
                case '\\':
                    if (++i >= pattern.Length) return false;
                    break;
                case '[':
                    nesting++;
                    break;
                case ']':
                    if (nesting > 0) return true;
                    break;
            }
        }
        return false;
    }

    /// <summary>
    /// apr_fnmatch with APR_FNM_PERIOD: <c>*</c>, <c>?</c>, <c>[…]</c> (with <c>!</c>/<c>^</c> negation and
    /// ranges), <c>\</c> escapes; a leading period must be matched by a literal period.
    /// </summary>
    public static bool Match(string pattern, string name)
    {
        if (name.Length > 0 && name[0] == '.' && (pattern.Length == 0 || pattern[0] != '.') && !(pattern.Length > 1 && pattern[0] == '\\' && pattern[1] == '.'))
            return false;
        return MatchAt(pattern, 0, name, 0, 0);
    }

    private static bool MatchAt(string p, int pi, string s, int si, int depth)
    {
        if (depth > 256) return false;
        while (pi < p.Length)
        {
            char c = p[pi];
            switch (c)
            {
                case '*':
                    while (pi < p.Length && p[pi] == '*') pi++;
                    if (pi == p.Length) return true;
                    for (int k = si; k <= s.Length; k++)
                        if (MatchAt(p, pi, s, k, depth + 1)) return true;
                    return false;
                case '?':
                    if (si >= s.Length) return false;
                    pi++;
                    si++;
                    break;
                case '[':
                {
                    if (si >= s.Length) return false;
                    int end = ClassEnd(p, pi);
                    if (end < 0)
                    {
                        // No closing bracket: '[' is literal.
                        if (s[si] != '[') return false;
                        pi++;
                        si++;
                        break;
                    }
                    if (!ClassMatches(p, pi + 1, end, s[si])) return false;
                    pi = end + 1;
                    si++;
                    break;
                }
                case '\\' when pi + 1 < p.Length:
                    if (si >= s.Length || s[si] != p[pi + 1]) return false;
                    pi += 2;
                    si++;
                    break;
                default:
                    if (si >= s.Length || s[si] != c) return false;
                    pi++;
                    si++;
                    break;
            }
        }
        return si == s.Length;
    }

    private static int ClassEnd(string p, int open)
    {
        int i = open + 1;
        if (i < p.Length && (p[i] == '!' || p[i] == '^')) i++;
        if (i < p.Length && p[i] == ']') i++;
        for (; i < p.Length; i++)
        {
            if (p[i] == '\\' && i + 1 < p.Length) { i++; continue; }
            if (p[i] == ']') return i;
        }
        return -1;
    }

    private static bool ClassMatches(string p, int start, int end, char c)
    {
        bool negate = start < end && (p[start] == '!' || p[start] == '^');
        if (negate) start++;
        bool matched = false;
        for (int i = start; i < end; i++)
        {
            char lo = p[i];
            if (lo == '\\' && i + 1 < end) lo = p[++i];
            if (i + 2 < end && p[i + 1] == '-')
            {
                char hi = p[i + 2];
                if (hi == '\\' && i + 3 < end) { hi = p[i + 3]; i++; }
                if (c >= lo && c <= hi) matched = true;
                i += 2;
            }
            else if (c == lo)
            {
                matched = true;
            }
        }
        return matched != negate;
    }
}
