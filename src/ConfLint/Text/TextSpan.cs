namespace ConfLint.Text;

/// <summary>A range of UTF-16 code units in a <see cref="SourceText"/>: [Start, Start + Length).</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));

    public bool Contains(int position) => position >= Start && position < End;

    public override string ToString() => $"[{Start}..{End})";
}
