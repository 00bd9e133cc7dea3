using System.Collections.Immutable;
using System.Text;

namespace ConfLint.Text;

/// <summary>
/// The text of one input file with its line map. Bytes that are not valid UTF-8 are decoded to
/// U+FFFD one for one (each invalid byte becomes exactly one replacement character), so every line
/// and column still points at the byte the admin sees in an editor.
/// </summary>
public sealed class SourceText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The path the file was read from on this machine (under --root when one is given).</summary>
    public string Path { get; }

    /// <summary>The path as the configured host sees it (e.g. /etc/apache2/apache2.conf); equals Path without --root.</summary>
    public string HostPath { get; }

    public string Text { get; }

    /// <summary>Offsets of the first character of every line; a line ends before its LF (CR is kept in the line text).</summary>
    public ImmutableArray<int> LineStarts { get; }

    /// <summary>Offsets (in Text) of characters that came from bytes that were not valid UTF-8.</summary>
    public ImmutableArray<int> InvalidUtf8Offsets { get; }

    /// <summary>True when the raw bytes held a NUL byte (the file is binary, not configuration).</summary>
    public bool HasNulByte { get; }

    public bool HadUtf8Bom { get; }

    private SourceText(string path, string hostPath, string text, ImmutableArray<int> invalid, bool hasNul, bool bom)
    {
        Path = path;
        HostPath = hostPath;
        Text = text;
        InvalidUtf8Offsets = invalid;
        HasNulByte = hasNul;
        HadUtf8Bom = bom;
        LineStarts = ComputeLineStarts(text);
    }

    public static SourceText From(string text, string path = "<input>", string? hostPath = null) =>
        new(path, hostPath ?? path, text, ImmutableArray<int>.Empty, text.Contains('\0'), false);

    /// <summary>Decodes bytes as UTF-8 without losing positions. A leading BOM is kept out of Text but noted.</summary>
    public static SourceText From(ReadOnlySpan<byte> bytes, string path, string? hostPath = null)
    {
        bool bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var body = bom ? bytes[3..] : bytes;
        bool hasNul = body.IndexOf((byte)0) >= 0;
        try
        {
            // Small files are often identical from site to site (a control panel's php-wrapper, php.ini): one string for each
            // text, decoded on the stack so that a text already held makes no new string.
            string text;
            if (body.Length <= SharedStrings.MaxLength)
            {
                Span<char> chars = stackalloc char[SharedStrings.MaxLength];
                text = SharedStrings.Get(chars[..StrictUtf8.GetChars(body, chars)]);
            }
            else
            {
                text = StrictUtf8.GetString(body);
            }
            return new SourceText(path, hostPath ?? path, text, ImmutableArray<int>.Empty, hasNul, bom);
        }
        catch (DecoderFallbackException)
        {
            var (text, invalid) = DecodeLossless(body);
            return new SourceText(path, hostPath ?? path, text, invalid, hasNul, bom);
        }
    }

    // Decodes valid sequences normally and maps every byte of an invalid sequence to one U+FFFD.
    private static (string, ImmutableArray<int>) DecodeLossless(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        var invalid = ImmutableArray.CreateBuilder<int>();
        int i = 0;
        while (i < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[i..], out var rune, out int consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                sb.Append(rune.ToString());
                i += consumed;
            }
            else
            {
                invalid.Add(sb.Length);
                sb.Append('\uFFFD');
                i += 1;
            }
        }
        return (sb.ToString(), invalid.ToImmutable());
    }

    // Line breaks are counted first and then found, both with vectorised searches, so the array is made once at its size.
    private static ImmutableArray<int> ComputeLineStarts(string text)
    {
        var span = text.AsSpan();
        var starts = new int[span.Count('\n') + 1];
        int line = 1;
        for (int at = span.IndexOf('\n'); at >= 0;)
        {
            starts[line++] = at + 1;
            int next = span[(at + 1)..].IndexOf('\n');
            at = next < 0 ? -1 : at + 1 + next;
        }
        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(starts);
    }

    public int LineCount => LineStarts.Length;

    /// <summary>1-based line and column of an offset. Offsets past the end clamp to the end.</summary>
    public LinePosition GetLinePosition(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        int index = LineStarts.BinarySearch(offset);
        if (index < 0) index = ~index - 1;
        return new LinePosition(index + 1, offset - LineStarts[index] + 1);
    }

    /// <summary>Offset of the first character of a 1-based line.</summary>
    public int GetLineStart(int line) => LineStarts[Math.Clamp(line - 1, 0, LineStarts.Length - 1)];

    /// <summary>The span of a 1-based line without its line break (LF, and a CR before it).</summary>
    public TextSpan GetLineSpan(int line)
    {
        int start = GetLineStart(line);
        int end = line < LineStarts.Length ? LineStarts[line] - 1 : Text.Length;
        if (end > start && Text[end - 1] == '\r') end--;
        if (end < start) end = start;
        return TextSpan.FromBounds(start, end);
    }

    public string GetLineText(int line) => ToString(GetLineSpan(line));

    /// <summary>The text of a span (cut to the text), in place.</summary>
    public ReadOnlySpan<char> Slice(TextSpan span)
    {
        int start = Math.Clamp(span.Start, 0, Text.Length);
        int end = Math.Clamp(span.End, start, Text.Length);
        return Text.AsSpan(start, end - start);
    }

    public string ToString(TextSpan span) => SharedStrings.Get(Slice(span));

    public Location GetLocation(TextSpan span)
    {
        var start = GetLinePosition(span.Start);
        var end = GetLinePosition(span.End);
        return new Location(Path, span, start.Line, start.Column, end.Line, end.Column, HostPath);
    }

    /// <summary>A location covering a whole 1-based line (without its line break).</summary>
    public Location GetLineLocation(int line) => GetLocation(GetLineSpan(line));
}

/// <summary>A 1-based line and column (column counts UTF-16 code units).</summary>
public readonly record struct LinePosition(int Line, int Column);
