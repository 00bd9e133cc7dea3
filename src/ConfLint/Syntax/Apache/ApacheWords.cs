using System.Collections.Immutable;
using System.Text;
using ConfLint.Text;

namespace ConfLint.Syntax.Apache;

/// <summary>
/// One argument word of a directive: its value after httpd's unescaping, the raw text as
/// written (quotes included) and its exact span in the file.
/// </summary>
public readonly record struct ApacheWord(string Value, string Raw, TextSpan Span, char Quote)
{
    /// <summary>True when the word was written in quotes (<c>"</c> or <c>'</c>).</summary>
    public bool IsQuoted => Quote != '\0';

    /// <summary>True when the quote was never closed (httpd then takes the rest of the line, no error).</summary>
    public bool IsUnclosedQuote => IsQuoted && (Raw.Length < 2 || Raw[^1] != Quote);

    public override string ToString() => Value;
}

/// <summary>A word found in a line of text: value and [Start, End) in that text.</summary>
public readonly record struct ApacheRawWord(string Value, int Start, int End, char Quote);

/// <summary>httpd's argument tokenisers: util.c <c>ap_getword_conf</c> and mod_rewrite's <c>parseargline</c>.</summary>
public static class ApacheWords
{
    /// <summary>
    /// util.c <c>ap_getword_conf</c>: skips leading whitespace, reads one word and the whitespace
    /// after it. A word starting with <c>"</c> or <c>'</c> runs to the matching quote (or the end of the
    /// line: an unclosed quote is not an error); inside quotes only <c>\quote</c> and <c>\\</c>
    /// are unescaped, outside only <c>\\</c>. Returns null at the end of the line.
    /// </summary>
    public static ApacheRawWord? GetWordConf(string line, ref int position)
    {
        int str = position;
        while (str < line.Length && ApacheLineReader.IsSpace(line[str])) str++;
        if (str >= line.Length)
        {
            position = str;
            return null;
        }
        int strend;
        string value;
        char quote = line[str];
        if (quote == '"' || quote == '\'')
        {
            strend = str + 1;
            while (strend < line.Length && line[strend] != quote)
            {
                if (line[strend] == '\\' && strend + 1 < line.Length && (line[strend + 1] == quote || line[strend + 1] == '\\'))
                    strend += 2;
                else
                    strend++;
            }
            value = SubstringConf(line, str + 1, Math.Min(strend, line.Length), quote);
            if (strend < line.Length && line[strend] == quote) strend++;
        }
        else
        {
            quote = '\0';
            strend = str;
            while (strend < line.Length && !ApacheLineReader.IsSpace(line[strend])) strend++;
            value = SubstringConf(line, str, strend, '\0');
        }
        int wordEnd = Math.Min(strend, line.Length);
        while (strend < line.Length && ApacheLineReader.IsSpace(line[strend])) strend++;
        position = strend;
        return new ApacheRawWord(value, str, wordEnd, quote);
    }

    // util.c substring_conf: `\\` always, `\quote` inside quotes, become the second character.
    // Like the C code it may look one character past the word for the escaped character.
    private static string SubstringConf(string line, int start, int end, char quote)
    {
        if (line.IndexOf('\\', start, end - start) < 0) return line[start..end];
        var sb = new StringBuilder(end - start);
        for (int i = start; i < end; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length && (line[i + 1] == '\\' || (quote != '\0' && line[i + 1] == quote)))
            {
                sb.Append(line[i + 1]);
                i++;
            }
            else
            {
                sb.Append(line[i]);
            }
        }
        return sb.ToString();
    }

    /// <summary>Every word of a line from <paramref name="start"/> on, as ap_getword_conf reads them one after the other.</summary>
    public static ImmutableArray<ApacheRawWord> SplitConf(string line, int start = 0)
    {
        var words = ImmutableArray.CreateBuilder<ApacheRawWord>();
        int pos = start;
        while (GetWordConf(line, ref pos) is { } word) words.Add(word);
        return words.ToImmutable();
    }

    /// <summary>Maps raw words of a logical line's text to words with file spans.</summary>
    public static ImmutableArray<ApacheWord> ToWords(ApacheLogicalLine line, IEnumerable<ApacheRawWord> words) =>
        words.Select(w => ToWord(line, line.Text, w)).ToImmutableArray();

    /// <summary>Maps raw words of a line's text after <c>${VAR}</c> expansion to words with file spans.</summary>
    public static ImmutableArray<ApacheWord> ToWords(ApacheLogicalLine line, ApacheExpandedText expanded, IEnumerable<ApacheRawWord> words) =>
        words.Select(w => ToWord(line, expanded.Text, w, expanded.ToOriginal, expanded.ToOriginalEnd)).ToImmutableArray();

    /// <summary>
    /// One word with its file span. <paramref name="text"/> is the text the word was read from;
    /// <paramref name="startOf"/>/<paramref name="endOf"/> map a character of it to its start and
    /// exclusive end in the line's own text when it differs (after <c>${VAR}</c> expansion).
    /// </summary>
    public static ApacheWord ToWord(ApacheLogicalLine line, string text, ApacheRawWord w, Func<int, int>? startOf = null, Func<int, int>? endOf = null)
    {
        int s = startOf?.Invoke(w.Start) ?? w.Start;
        int e = w.End == w.Start ? s : endOf?.Invoke(w.End - 1) ?? w.End;
        return new ApacheWord(w.Value, text[w.Start..w.End], line.ToSourceSpan(s, Math.Max(s, e)), w.Quote);
    }
}

/// <summary>
/// mod_rewrite's own argument split (mod_rewrite.c <c>parseargline</c>, 2.4.x), used for
/// RewriteRule and RewriteCond: a quote only delimits a word (no escapes inside), <c>\</c>
/// before a space keeps the space in the word (the backslash stays), and anything after the
/// third word is silently ignored.
/// </summary>
public sealed record ApacheRewriteArgs(ImmutableArray<ApacheRawWord> Words, int? IgnoredTailStart, bool IsBadArgLine)
{
    /// <summary>Splits the argument text of a RewriteRule/RewriteCond (what follows the directive name).</summary>
    public static ApacheRewriteArgs Parse(string text, int start = 0)
    {
        var words = ImmutableArray.CreateBuilder<ApacheRawWord>();
        int str = start;
        for (int n = 0; n < 3; n++)
        {
            while (str < text.Length && ApacheLineReader.IsSpace(text[str])) str++;
            if (str >= text.Length)
                return new ApacheRewriteArgs(words.ToImmutable(), null, n < 2);
            char quote = text[str] == '"' || text[str] == '\'' ? text[str] : '\0';
            int wordStart = str;
            if (quote != '\0') str++;
            int valueStart = str;
            for (; str < text.Length; str++)
            {
                if ((ApacheLineReader.IsSpace(text[str]) && quote == '\0') || (quote != '\0' && text[str] == quote)) break;
                if (text[str] == '\\' && str + 1 < text.Length && ApacheLineReader.IsSpace(text[str + 1])) str++;
            }
            int valueEnd = Math.Min(str, text.Length);
            bool atEnd = str >= text.Length;
            int wordEnd = atEnd ? text.Length : (quote != '\0' ? str + 1 : str);
            words.Add(new ApacheRawWord(text[valueStart..valueEnd], wordStart, wordEnd, quote));
            if (atEnd)
                return new ApacheRewriteArgs(words.ToImmutable(), null, n == 0);
            str++; // parseargline writes NUL over the delimiter and moves past it
            if (n == 2)
            {
                int tail = str;
                while (tail < text.Length && ApacheLineReader.IsSpace(text[tail])) tail++;
                return new ApacheRewriteArgs(words.ToImmutable(), tail < text.Length ? tail : null, false);
            }
        }
        return new ApacheRewriteArgs(words.ToImmutable(), null, false);
    }
}
