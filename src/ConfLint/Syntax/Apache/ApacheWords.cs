using System.Collections.Immutable;
using System.Runtime.InteropServices;
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
    public static ApacheRawWord? GetWordConf(string line, ref int position) => GetWordConf(line, ref position, line.Length);

    /// <summary>As <see cref="GetWordConf(string, ref int)"/>, reading the line as if it ended at <paramref name="end"/>.</summary>
    internal static ApacheRawWord? GetWordConf(string line, ref int position, int end)
    {
        if (!NextWord(line, ref position, end, out var word)) return null;
        var value = word.Quote == '\0'
            ? SubstringConf(line, word.Start, word.End, end, '\0')
            : SubstringConf(line, word.Start + 1, word.ValueEnd, end, word.Quote);
        return new ApacheRawWord(value, word.Start, word.End, word.Quote);
    }

    // Where the next word lies, without reading its value: [Start, End) as written (quotes
    // included), ValueEnd where the text inside its quotes ends.
    private readonly record struct WordBounds(int Start, int End, int ValueEnd, char Quote);

    // ap_getword_conf's scan: finds the next word of line[position..end) and moves past the whitespace after it.
    private static bool NextWord(string line, ref int position, int end, out WordBounds word)
    {
        int str = position;
        while (str < end && ApacheLineReader.IsSpace(line[str])) str++;
        if (str >= end)
        {
            position = str;
            word = default;
            return false;
        }
        int strend;
        int valueEnd;
        char quote = line[str];
        if (quote == '"' || quote == '\'')
        {
            strend = str + 1;
            while (strend < end && line[strend] != quote)
            {
                if (line[strend] == '\\' && strend + 1 < end && (line[strend + 1] == quote || line[strend + 1] == '\\'))
                    strend += 2;
                else
                    strend++;
            }
            valueEnd = Math.Min(strend, end);
            if (strend < end && line[strend] == quote) strend++;
        }
        else
        {
            quote = '\0';
            strend = str;
            while (strend < end && !ApacheLineReader.IsSpace(line[strend])) strend++;
            valueEnd = strend;
        }
        int wordEnd = Math.Min(strend, end);
        while (strend < end && ApacheLineReader.IsSpace(line[strend])) strend++;
        position = strend;
        word = new WordBounds(str, wordEnd, valueEnd, quote);
        return true;
    }

    /// <summary>Moves past the next word and the whitespace after it, as <see cref="GetWordConf(string, ref int)"/> does, without reading it.</summary>
    internal static void SkipWordConf(string line, ref int position) => NextWord(line, ref position, line.Length, out _);

    // util.c substring_conf: `\\` always, `\quote` inside quotes, become the second character.
    // Like the C code it may look one character past the word (up to the line's end) for the escaped character.
    private static string SubstringConf(string line, int start, int end, int lineEnd, char quote)
    {
        bool IsEscape(int i) => line[i] == '\\' && i + 1 < lineEnd && (line[i + 1] == '\\' || (quote != '\0' && line[i + 1] == quote));

        int firstEscape = line.IndexOf('\\', start, end - start);
        while (firstEscape >= 0 && !IsEscape(firstEscape))
            firstEscape = firstEscape + 1 < end ? line.IndexOf('\\', firstEscape + 1, end - firstEscape - 1) : -1;
        // Most backslashes (a regex's \.) are kept as written: the word is then its text unchanged.
        if (firstEscape < 0) return SharedStrings.Get(line.AsSpan(start, end - start));
        var sb = new StringBuilder(end - start);
        sb.Append(line, start, firstEscape - start);
        for (int i = firstEscape; i < end; i++)
        {
            if (IsEscape(i))
            {
                sb.Append(line[i + 1]);
                i++;
            }
            else
            {
                sb.Append(line[i]);
            }
        }
        return SharedStrings.Get(sb);
    }

    // How many words line[start..end) holds, counted without reading them, so word arrays are allocated at their size.
    private static int CountWords(string line, int start, int end)
    {
        int count = 0;
        for (int pos = start; NextWord(line, ref pos, end, out _);) count++;
        return count;
    }

    /// <summary>Every word of a line from <paramref name="start"/> on, as ap_getword_conf reads them one after the other.</summary>
    public static ImmutableArray<ApacheRawWord> SplitConf(string line, int start = 0)
    {
        int count = CountWords(line, start, line.Length);
        if (count == 0) return ImmutableArray<ApacheRawWord>.Empty;
        var words = new ApacheRawWord[count];
        int pos = start;
        for (int i = 0; i < count; i++) words[i] = GetWordConf(line, ref pos)!.Value;
        return ImmutableCollectionsMarshal.AsImmutableArray(words);
    }

    /// <summary>
    /// The words of <paramref name="text"/>[start..end) as ap_getword_conf reads them (the text ending
    /// at <paramref name="end"/>), with file spans. <paramref name="text"/> is the line's own text, or
    /// its <c>${VAR}</c> expansion <paramref name="expanded"/> (null when nothing was substituted).
    /// </summary>
    public static ImmutableArray<ApacheWord> ReadWords(ApacheLogicalLine line, string text, int start, int end, ApacheExpandedText? expanded = null)
    {
        int count = CountWords(text, start, end);
        if (count == 0) return ImmutableArray<ApacheWord>.Empty;
        var words = new ApacheWord[count];
        int pos = start;
        for (int i = 0; i < count; i++) words[i] = ToWord(line, text, GetWordConf(text, ref pos, end)!.Value, expanded);
        return ImmutableCollectionsMarshal.AsImmutableArray(words);
    }

    /// <summary>
    /// One word with its file span. <paramref name="text"/> is the text the word was read from: the
    /// line's own text, or its <c>${VAR}</c> expansion <paramref name="expanded"/>, whose characters
    /// map back to the <c>${…}</c> they came from.
    /// </summary>
    public static ApacheWord ToWord(ApacheLogicalLine line, string text, ApacheRawWord w, ApacheExpandedText? expanded = null)
    {
        int s = expanded is null ? w.Start : expanded.ToOriginal(w.Start);
        int e = w.End == w.Start ? s : expanded is null ? w.End : expanded.ToOriginalEnd(w.End - 1);
        // An unquoted word that lost no backslash is exactly its raw text: one string serves both.
        var raw = w.Quote == '\0' && w.Value.Length == w.End - w.Start ? w.Value : SharedStrings.Get(text.AsSpan(w.Start, w.End - w.Start));
        return new ApacheWord(w.Value, raw, line.ToSourceSpan(s, Math.Max(s, e)), w.Quote);
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

/// <summary>
/// The values of a directive's words as a list of strings, the form the argument checks take,
/// read through to the words rather than copied out of them.
/// </summary>
public sealed class ApacheWordValues(ImmutableArray<ApacheWord> words) : IReadOnlyList<string>
{
    public string this[int index] => words[index].Value;

    public int Count => words.Length;

    public IEnumerator<string> GetEnumerator()
    {
        foreach (var word in words) yield return word.Value;
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
