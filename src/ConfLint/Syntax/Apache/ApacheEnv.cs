using System.Text;

namespace ConfLint.Syntax.Apache;

/// <summary>A <c>${NAME}</c> reference left unexpanded because nothing defines it.</summary>
public readonly record struct ApacheUndefinedVariable(string Name, int Start, int End);

/// <summary>The result of <c>${VAR}</c> expansion: the text and, for each character, its offset in the original text.</summary>
public sealed record ApacheExpandedText(string Text, int[] OriginalOffsets, int[] OriginalEnds, IReadOnlyList<ApacheUndefinedVariable> Undefined)
{
    /// <summary>Offset in the original text of a character of the expanded text.</summary>
    public int ToOriginal(int offset) =>
        OriginalOffsets.Length == 0 ? 0 : OriginalOffsets[Math.Clamp(offset, 0, OriginalOffsets.Length - 1)];

    /// <summary>Exclusive end in the original text of a character of the expanded text (the end of its <c>${…}</c> when substituted).</summary>
    public int ToOriginalEnd(int offset) =>
        OriginalEnds.Length == 0 ? 0 : OriginalEnds[Math.Clamp(offset, 0, OriginalEnds.Length - 1)];
}

/// <summary>core.c <c>ap_resolve_env</c>: <c>${NAME}</c> on the whole raw line, before tokenising.</summary>
public static class ApacheEnv
{
    /// <summary>
    /// Replaces every <c>${NAME}</c> whose name <paramref name="lookup"/> knows (Define table, then
    /// environment); unknown ones stay as written. The name is everything up to the first
    /// <c>}</c>, and values are not expanded again.
    /// </summary>
    public static ApacheExpandedText Resolve(string text, Func<string, string?> lookup)
    {
        var undefined = new List<ApacheUndefinedVariable>();
        if (text.IndexOf('$') < 0)
        {
            var identity = new int[text.Length];
            for (int i = 0; i < identity.Length; i++) identity[i] = i;
            return new ApacheExpandedText(text, identity, identity.Select(i => i + 1).ToArray(), undefined);
        }
        var sb = new StringBuilder(text.Length);
        var map = new List<int>(text.Length);
        var ends = new List<int>(text.Length);
        int s = 0;
        while (s < text.Length)
        {
            if (text[s] == '$' && s + 1 < text.Length && text[s + 1] == '{')
            {
                int e = text.IndexOf('}', s + 2);
                if (e >= 0)
                {
                    var name = text[(s + 2)..e];
                    var value = lookup(name);
                    if (value is not null)
                    {
                        sb.Append(value);
                        for (int k = 0; k < value.Length; k++) { map.Add(s); ends.Add(e + 1); }
                    }
                    else
                    {
                        undefined.Add(new ApacheUndefinedVariable(name, s, e + 1));
                        for (int k = s; k <= e; k++) { sb.Append(text[k]); map.Add(k); ends.Add(k + 1); }
                    }
                    s = e + 1;
                    continue;
                }
            }
            sb.Append(text[s]);
            map.Add(s);
            ends.Add(s + 1);
            s++;
        }
        return new ApacheExpandedText(sb.ToString(), map.ToArray(), ends.ToArray(), undefined);
    }
}
