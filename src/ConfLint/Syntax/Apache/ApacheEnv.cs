using System.Text;

namespace ConfLint.Syntax.Apache;

/// <summary>A <c>${NAME}</c> reference left unexpanded because nothing defines it.</summary>
public readonly record struct ApacheUndefinedVariable(string Name, int Start, int End);

/// <summary>The result of <c>${VAR}</c> expansion: the text and, for each character, where it came from in the original text.</summary>
public sealed class ApacheExpandedText
{
    private static readonly IReadOnlyList<ApacheUndefinedVariable> NoneUndefined = Array.Empty<ApacheUndefinedVariable>();

    // Null when nothing was substituted: the text is then the original, each character its own origin,
    // which is what nearly every line is, so no per-character maps are kept for it.
    private readonly int[]? _originalOffsets;
    private readonly int[]? _originalEnds;

    private ApacheExpandedText(string text, int[]? originalOffsets, int[]? originalEnds, IReadOnlyList<ApacheUndefinedVariable> undefined)
    {
        Text = text;
        _originalOffsets = originalOffsets;
        _originalEnds = originalEnds;
        Undefined = undefined;
    }

    /// <summary>The original text, nothing substituted (undefined references stay as written).</summary>
    internal static ApacheExpandedText Unchanged(string text, IReadOnlyList<ApacheUndefinedVariable>? undefined = null) =>
        new(text, null, null, undefined ?? NoneUndefined);

    internal static ApacheExpandedText Substituted(string text, int[] originalOffsets, int[] originalEnds, IReadOnlyList<ApacheUndefinedVariable> undefined) =>
        new(text, originalOffsets, originalEnds, undefined);

    public string Text { get; }

    /// <summary>The <c>${NAME}</c> references nothing defines, with their place in the original text.</summary>
    public IReadOnlyList<ApacheUndefinedVariable> Undefined { get; }

    /// <summary>True when no <c>${NAME}</c> was substituted: <see cref="Text"/> is the original text.</summary>
    public bool IsUnchanged => _originalOffsets is null;

    /// <summary>Offset in the original text of a character of the expanded text.</summary>
    public int ToOriginal(int offset)
    {
        if (Text.Length == 0) return 0;
        offset = Math.Clamp(offset, 0, Text.Length - 1);
        return _originalOffsets is null ? offset : _originalOffsets[offset];
    }

    /// <summary>Exclusive end in the original text of a character of the expanded text (the end of its <c>${…}</c> when substituted).</summary>
    public int ToOriginalEnd(int offset)
    {
        if (Text.Length == 0) return 0;
        offset = Math.Clamp(offset, 0, Text.Length - 1);
        return _originalEnds is null ? offset + 1 : _originalEnds[offset];
    }
}

/// <summary>core.c <c>ap_resolve_env</c>: <c>${NAME}</c> on the whole raw line, before tokenising.</summary>
public static class ApacheEnv
{
    /// <summary>True when the text holds a <c>${</c>, the only thing <see cref="Resolve"/> can change or report.</summary>
    public static bool HasReference(string text) => text.Contains("${", StringComparison.Ordinal);

    /// <summary>
    /// Replaces every <c>${NAME}</c> whose name <paramref name="lookup"/> knows (Define table, then
    /// environment); unknown ones stay as written. The name is everything up to the first
    /// <c>}</c>, and values are not expanded again.
    /// </summary>
    public static ApacheExpandedText Resolve(string text, Func<string, string?> lookup)
    {
        if (!HasReference(text)) return ApacheExpandedText.Unchanged(text);
        var undefined = new List<ApacheUndefinedVariable>();
        var sb = new StringBuilder(text.Length);
        var map = new List<int>(text.Length);
        var ends = new List<int>(text.Length);
        bool substituted = false;
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
                        substituted = true;
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
        return substituted
            ? ApacheExpandedText.Substituted(sb.ToString(), map.ToArray(), ends.ToArray(), undefined)
            : ApacheExpandedText.Unchanged(text, undefined);
    }
}
