using System.Text;

namespace ConfLint.Reporting;

/// <summary>
/// Lays a source line out for a terminal: tabs expanded to the next multiple of
/// <see cref="TabWidth"/>, a surrogate pair shown as one column, control characters (which could
/// move the cursor or start an escape sequence) shown as U+FFFD. Maps every UTF-16 column of the
/// line to its display column so a caret lines up under the text.
/// </summary>
public static class SourceLineRenderer
{
    public const int TabWidth = 8;

    public readonly record struct RenderedLine(string Display, int[] DisplayColumnOf)
    {
        /// <summary>Display column (0-based) of a 1-based UTF-16 column; columns past the end extend the line.</summary>
        public int DisplayColumn(int column)
        {
            int index = column - 1;
            if (index < 0) return 0;
            if (index < DisplayColumnOf.Length) return DisplayColumnOf[index];
            return DisplayColumnOf[^1] + (index - (DisplayColumnOf.Length - 1));
        }
    }

    public static RenderedLine Render(string line)
    {
        var sb = new StringBuilder(line.Length);
        // One entry per UTF-16 code unit plus one for the position just past the end.
        var columns = new int[line.Length + 1];
        int width = 0;
        for (int i = 0; i < line.Length; i++)
        {
            columns[i] = width;
            char c = line[i];
            if (c == '\t')
            {
                int next = (width / TabWidth + 1) * TabWidth;
                sb.Append(' ', next - width);
                width = next;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]))
            {
                sb.Append(c).Append(line[i + 1]);
                columns[i + 1] = width;
                i++;
                width++;
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                sb.Append('\uFFFD');
                width++;
            }
            else
            {
                sb.Append(c);
                width++;
            }
        }
        columns[line.Length] = width;
        return new RenderedLine(sb.ToString(), columns);
    }

    /// <summary>
    /// The underline for columns [startColumn, endColumn) of a line (1-based UTF-16, end exclusive):
    /// spaces up to the start, a caret, then tildes to the end; an empty range is a single caret.
    /// </summary>
    public static string Underline(RenderedLine line, int startColumn, int endColumn)
    {
        int from = line.DisplayColumn(startColumn);
        int to = endColumn > startColumn ? line.DisplayColumn(endColumn) : from + 1;
        int width = Math.Max(1, to - from);
        return new string(' ', from) + "^" + new string('~', width - 1);
    }
}
