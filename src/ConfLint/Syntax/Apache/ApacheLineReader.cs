using System.Collections.Immutable;
using System.Text;
using ConfLint.Text;

namespace ConfLint.Syntax.Apache;

/// <summary>
/// One logical configuration line as httpd reads it (util.c <c>ap_cfg_getline_core</c> +
/// <c>cfg_trim_line</c>): physical lines ending in <c>\</c> directly before LF/CRLF are joined
/// (the backslash and line break removed, no space added), then the result is trimmed at both
/// ends. <see cref="Text"/> is that trimmed text; every character maps back to its offset in the
/// file so tokens keep exact spans.
/// </summary>
public sealed class ApacheLogicalLine
{
    // Most logical lines are one physical line: their text is one unbroken run of the file that
    // starts at _textStart, so no per-character map is kept. Only joined lines (and the BOM line,
    // and mod_macro lines) carry _sourceOffsets, one file offset per character of Text.
    private readonly int[]? _sourceOffsets;
    private readonly int _textStart;

    /// <summary>A line whose characters come from the given file offsets, one per character.</summary>
    internal ApacheLogicalLine(SourceText source, int firstLine, int lastLine, TextSpan span, string text, int[] sourceOffsets)
        : this(source, firstLine, lastLine, span, text)
    {
        _sourceOffsets = sourceOffsets;
    }

    /// <summary>A line whose text is the file's characters from <paramref name="textStart"/> on, unchanged.</summary>
    internal ApacheLogicalLine(SourceText source, int firstLine, int lastLine, TextSpan span, string text, int textStart)
        : this(source, firstLine, lastLine, span, text)
    {
        _textStart = textStart;
    }

    private ApacheLogicalLine(SourceText source, int firstLine, int lastLine, TextSpan span, string text)
    {
        Source = source;
        FirstLine = firstLine;
        LastLine = lastLine;
        Span = span;
        Text = text;
    }

    public SourceText Source { get; }

    /// <summary>1-based physical line where the logical line starts.</summary>
    public int FirstLine { get; }

    /// <summary>
    /// 1-based physical line where it ends. httpd counts lines as it reads them, so its messages
    /// ("Syntax error on line N") name this last line of a continued directive.
    /// </summary>
    public int LastLine { get; }

    /// <summary>From the start of the first physical line to the end of the last (without its line break).</summary>
    public TextSpan Span { get; }

    /// <summary>The joined, trimmed text httpd hands to the directive parser.</summary>
    public string Text { get; }

    /// <summary>True when the line spans several physical lines.</summary>
    public bool IsContinued => LastLine > FirstLine;

    /// <summary>A comment line: after trimming it starts with <c>#</c> (ap_build_config_sub skips it).</summary>
    public bool IsComment => Text.Length > 0 && Text[0] == '#';

    public bool IsBlank => Text.Length == 0;

    /// <summary>The span in the file of the trimmed text (the part httpd reads).</summary>
    public TextSpan TextSpan => Text.Length == 0 ? new TextSpan(Span.Start, 0) : ToSourceSpan(0, Text.Length);

    /// <summary>Offset in the file of a character of <see cref="Text"/>; the end offset maps just past the last character.</summary>
    public int ToSourceOffset(int textOffset)
    {
        if (Text.Length == 0) return Span.Start;
        if (textOffset >= Text.Length) return EndOffset(Text.Length);
        return OffsetOf(Math.Max(textOffset, 0));
    }

    // The file offset of Text[index] (0 <= index < Text.Length).
    private int OffsetOf(int index) => _sourceOffsets is null ? _textStart + index : _sourceOffsets[index];

    // The file offset just past Text[end - 1] (0 < end <= Text.Length).
    private int EndOffset(int end) => _sourceOffsets is null ? _textStart + end : _sourceOffsets[end - 1] + 1;

    /// <summary>The span in the file covering the characters [start, end) of <see cref="Text"/>.</summary>
    public TextSpan ToSourceSpan(int start, int end)
    {
        if (Text.Length == 0) return new TextSpan(Span.Start, 0);
        start = Math.Clamp(start, 0, Text.Length);
        end = Math.Clamp(end, start, Text.Length);
        int s = ToSourceOffset(start);
        int e = end == start ? s : EndOffset(end);
        return TextSpan.FromBounds(s, Math.Max(s, e));
    }

    // Made when first asked for and kept: the model and several rules ask for the same line's location.
    private Location? _location;

    public Location Location => _location ??= Source.GetLocation(TextSpan);

    /// <summary>
    /// A line made of other text that stands for this one (a mod_macro body line after argument
    /// substitution): every character maps to the start of this line's text.
    /// </summary>
    public ApacheLogicalLine WithText(string text)
    {
        var offsets = new int[text.Length];
        int anchor = ToSourceOffset(0);
        Array.Fill(offsets, anchor);
        return new ApacheLogicalLine(Source, FirstLine, LastLine, Span, text, offsets);
    }

    public override string ToString() => $"{Source.HostPath}:{FirstLine}: {Text}";
}

/// <summary>Splits a file into httpd's logical lines (util.c <c>ap_cfg_getline_core</c>, <c>cfg_trim_line</c>).</summary>
public static class ApacheLineReader
{
    /// <summary>apr_isspace: the C locale's whitespace.</summary>
    public static bool IsSpace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';

    // The same characters, for searching a line's ends at once (nearly every line of a vhost file is indented).
    private static readonly System.Buffers.SearchValues<char> Spaces = System.Buffers.SearchValues.Create(" \t\n\v\f\r");

    public static ImmutableArray<ApacheLogicalLine> Read(SourceText source)
    {
        var text = source.Text;
        int lineCount = source.LineCount;
        // A file that ends with LF has an empty last "line" after it that httpd never reads.
        if (lineCount > 1 && source.LineStarts[lineCount - 1] == text.Length) lineCount--;
        if (text.Length == 0 && !source.HadUtf8Bom) return ImmutableArray<ApacheLogicalLine>.Empty;

        var result = ImmutableArray.CreateBuilder<ApacheLogicalLine>(lineCount);
        // Only for joined lines and the BOM line, whose text is not one run of the file.
        StringBuilder? buffer = null;
        List<int>? offsets = null;
        int line = 1;
        while (line <= lineCount)
        {
            int first = line;
            int last = first;
            while (last < lineCount && PhysicalLine(source, last).Continues) last++;
            line = last + 1;
            int spanStart = source.LineStarts[first - 1];
            int spanEnd = PhysicalLine(source, last).End;
            if (spanEnd > spanStart && text[spanEnd - 1] == '\r') spanEnd--;
            var span = TextSpan.FromBounds(spanStart, spanEnd);

            // httpd does not skip a UTF-8 byte order mark (ap_pcfg_openfile reads bytes): it is
            // part of the first line's first word, which is then no section, comment or known
            // directive ("Invalid command '\xef\xbb\xbfLoadModule'"). SourceText keeps it out of
            // Text, so it is put back here, mapped to the file's first offset.
            bool withBom = first == 1 && source.HadUtf8Bom;
            if (first == last && !withBom)
            {
                // cfg_trim_line: strip apr_isspace at both ends.
                var (start, contentEnd, _, _) = PhysicalLine(source, first);
                var content = text.AsSpan(start, contentEnd - start);
                int leading = content.IndexOfAnyExcept(Spaces);
                if (leading < 0) leading = content.Length;
                start += leading;
                contentEnd = start + content[leading..].LastIndexOfAnyExcept(Spaces) + 1;
                result.Add(new ApacheLogicalLine(source, first, last, span, SharedStrings.Get(text.AsSpan(start, contentEnd - start)), start));
                continue;
            }

            buffer ??= new StringBuilder();
            offsets ??= new List<int>();
            buffer.Clear();
            offsets.Clear();
            if (withBom)
            {
                buffer.Append('\uFEFF');
                offsets.Add(0);
            }
            for (int physical = first; physical <= last; physical++)
            {
                var (start, contentEnd, _, _) = PhysicalLine(source, physical);
                for (int i = start; i < contentEnd; i++)
                {
                    buffer.Append(text[i]);
                    offsets.Add(i);
                }
            }
            int a = 0, b = buffer.Length;
            while (a < b && IsSpace(buffer[a])) a++;
            while (b > a && IsSpace(buffer[b - 1])) b--;
            result.Add(new ApacheLogicalLine(source, first, last, span, buffer.ToString(a, b - a), offsets.GetRange(a, b - a).ToArray()));
        }
        return result.DrainToImmutable();
    }

    /// <summary>
    /// One physical line: its start, the end of what goes into the logical line, its end before
    /// LF, and whether the next line is joined to it (a <c>\</c> right before LF or CRLF, which is
    /// left out). Without a continuation the CR of CRLF stays in; trimming removes it.
    /// </summary>
    private static (int Start, int ContentEnd, int End, bool Continues) PhysicalLine(SourceText source, int line)
    {
        var text = source.Text;
        int start = source.LineStarts[line - 1];
        bool hasLf = line < source.LineCount;
        int end = hasLf ? source.LineStarts[line] - 1 : text.Length;
        if (hasLf)
        {
            int cp = end;
            if (cp > start && text[cp - 1] == '\r') cp--;
            if (cp > start && text[cp - 1] == '\\') return (start, cp - 1, end, true);
        }
        return (start, end, end, false);
    }
}
