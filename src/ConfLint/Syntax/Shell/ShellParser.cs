using System.Collections.Immutable;
using ConfLint.Text;

namespace ConfLint.Syntax.Shell;

/// <summary>
/// Parses the POSIX sh subset a php-wrapper is written in (XCU 2.9): simple commands with
/// their assignments and redirections, one per line or separated by `;`. Every compound
/// command, function definition, pipeline and and-or list is kept whole as an opaque node.
/// Never throws; words keep exact spans.
/// </summary>
public static class ShellParser
{
    private static readonly HashSet<string> RedirectionOperators = new(StringComparer.Ordinal) { "<", ">", ">>", "<&", ">&", "<>", ">|", "<<", "<<-" };

    private static readonly HashSet<string> ReservedWords = new(StringComparer.Ordinal)
    {
        "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "{", "}", "!", "in",
    };

    public static ShellScript Parse(SourceText source)
    {
        var text = source.Text;
        var lexer = new ShellLexer(text);
        var tokens = lexer.Tokenize();
        var nodes = ImmutableArray.CreateBuilder<ShellNode>();
        ShellShebang? shebang = null;

        int i = 0;
        if (text.StartsWith("#!", StringComparison.Ordinal) && tokens[0].Kind == ShellTokenKind.Comment)
        {
            shebang = ParseShebang(tokens[0]);
            nodes.Add(shebang);
            i = 1;
        }

        while (tokens[i].Kind != ShellTokenKind.EndOfFile)
        {
            var t = tokens[i];
            if (t.Kind == ShellTokenKind.Newline || (t.Kind == ShellTokenKind.Operator && t.Text == ";")) { i++; continue; }
            if (t.Kind == ShellTokenKind.Comment)
            {
                nodes.Add(new ShellComment(t.Span, t.Text));
                i++;
                continue;
            }
            int end = ScanList(tokens, i, out bool simple);
            if (end <= i)
            {
                // A token that cannot start a command (a stray `)` or `;;`): sh rejects it; keep it visible.
                nodes.Add(new ShellOpaqueCommand(t.Span, "unexpected token", t.Text));
                i++;
                continue;
            }
            var span = TextSpan.FromBounds(tokens[i].Span.Start, LastSignificantEnd(tokens, i, end));
            if (simple)
            {
                nodes.Add(BuildSimpleCommand(tokens, i, end, span));
            }
            else
            {
                nodes.Add(new ShellOpaqueCommand(span, DescribeOpaque(tokens, i, end), source.ToString(span)));
            }
            // Comments inside an opaque list stay part of it; a trailing comment after a simple command is its own node.
            i = end;
        }

        return new ShellScript(source, shebang, nodes.ToImmutable(), lexer.Errors.ToImmutableArray());
    }

    private static int LastSignificantEnd(List<ShellToken> tokens, int start, int end)
    {
        for (int k = end - 1; k >= start; k--)
        {
            if (tokens[k].Kind is ShellTokenKind.Word or ShellTokenKind.Operator) return tokens[k].Span.End;
        }
        return tokens[start].Span.End;
    }

    // `#!/bin/sh -e`: Linux binfmt_script takes the first word as the interpreter and the rest (trimmed) as one argument.
    private static ShellShebang ParseShebang(ShellToken line)
    {
        var t = line.Text;
        int p = 2;
        while (p < t.Length && t[p] is ' ' or '\t') p++;
        int interpStart = p;
        while (p < t.Length && t[p] is not (' ' or '\t')) p++;
        var interpreter = t[interpStart..p];
        var rest = t[p..].Trim(' ', '\t');
        return new ShellShebang(line.Span, interpreter, new TextSpan(line.Span.Start + interpStart, p - interpStart), rest.Length == 0 ? null : rest);
    }

    /// <summary>
    /// Finds the end (exclusive token index) of the and-or list that starts at <paramref name="start"/>,
    /// following compound-command nesting the way dash's list() does. <paramref name="simple"/> is
    /// true when the list is one simple command.
    /// </summary>
    private static int ScanList(List<ShellToken> tokens, int start, out bool simple)
    {
        var stack = new Stack<string>();
        bool commandPosition = true;
        bool continues = false;
        simple = true;
        bool sawWord = false;
        int j = start;
        while (true)
        {
            var t = tokens[j];
            if (t.Kind == ShellTokenKind.EndOfFile) break;
            if (t.Kind == ShellTokenKind.Newline)
            {
                if (stack.Count > 0 || continues) { j++; commandPosition = true; continue; }
                break;
            }
            if (t.Kind == ShellTokenKind.Comment)
            {
                if (stack.Count == 0 && !continues) break;
                j++;
                continue;
            }
            if (t.Kind == ShellTokenKind.Operator)
            {
                switch (t.Text)
                {
                    case ";":
                        if (stack.Count == 0) return j;
                        commandPosition = true;
                        continues = false;
                        break;
                    case "&":
                        simple = false;
                        if (stack.Count == 0) return j + 1;
                        commandPosition = true;
                        continues = false;
                        break;
                    case ";;":
                        if (stack.Count == 0) return j == start ? start : j;
                        commandPosition = true;
                        break;
                    case "|":
                    case "&&":
                    case "||":
                        if (!sawWord && stack.Count == 0) return j;
                        simple = false;
                        continues = true;
                        commandPosition = true;
                        break;
                    case "(":
                        simple = false;
                        stack.Push("(");
                        commandPosition = true;
                        continues = false;
                        break;
                    case ")":
                        if (stack.Count == 0) return j;
                        if (stack.Peek() == "(") stack.Pop();
                        commandPosition = true;
                        continues = false;
                        break;
                    default:
                        if (RedirectionOperators.Contains(t.Text) && tokens[j + 1].Kind == ShellTokenKind.Word) j++;
                        continues = false;
                        break;
                }
                j++;
                continue;
            }

            // A word.
            continues = false;
            if (commandPosition && ReservedWords.Contains(t.Text))
            {
                simple = false;
                switch (t.Text)
                {
                    case "if": stack.Push("if"); break;
                    case "case": stack.Push("case"); commandPosition = false; break;
                    case "for": case "while": case "until": stack.Push("loop"); commandPosition = t.Text != "for"; break;
                    case "{": stack.Push("{"); break;
                    case "fi": PopIf(stack, "if"); commandPosition = false; break;
                    case "esac": PopIf(stack, "case"); commandPosition = false; break;
                    case "done": PopIf(stack, "loop"); commandPosition = false; break;
                    case "}": PopIf(stack, "{"); commandPosition = false; break;
                    case "in": commandPosition = stack.Count > 0 && stack.Peek() == "case"; break;
                }
                sawWord = true;
                j++;
                continue;
            }
            if (commandPosition && IsAssignment(t.Word!, out _)) { sawWord = true; j++; continue; }
            // A function definition: NAME ( ) compound-command.
            if (commandPosition && j + 2 < tokens.Count && tokens[j + 1].Kind == ShellTokenKind.Operator && tokens[j + 1].Text == "("
                && tokens[j + 2].Kind == ShellTokenKind.Operator && tokens[j + 2].Text == ")")
            {
                simple = false;
                j += 3;
                commandPosition = true;
                continues = true;
                continue;
            }
            commandPosition = false;
            sawWord = true;
            j++;
        }
        return j;
    }

    private static void PopIf(Stack<string> stack, string opener)
    {
        if (stack.Count > 0 && stack.Peek() == opener) stack.Pop();
    }

    private static string DescribeOpaque(List<ShellToken> tokens, int start, int end)
    {
        var first = tokens[start];
        if (first.Kind == ShellTokenKind.Word)
        {
            switch (first.Text)
            {
                case "if": return "if statement";
                case "case": return "case statement";
                case "for": case "while": case "until": return first.Text + " loop";
                case "{": return "command group";
            }
            if (tokens[start + 1].Kind == ShellTokenKind.Operator && tokens[start + 1].Text == "(") return "function definition";
        }
        if (first.Kind == ShellTokenKind.Operator && first.Text == "(") return "subshell";
        for (int k = start; k < end; k++)
        {
            if (tokens[k].Kind != ShellTokenKind.Operator) continue;
            switch (tokens[k].Text)
            {
                case "|": return "pipeline";
                case "&&": case "||": return "and-or list";
                case "&": return "background command";
            }
        }
        return "compound command";
    }

    /// <summary>`NAME=…` where NAME is an unquoted name (XCU 2.10.2 rule 7).</summary>
    internal static bool IsAssignment(ShellWord word, out int nameLength)
    {
        nameLength = 0;
        if (word.Segments.IsEmpty) return false;
        var first = word.Segments[0];
        if (first.Kind != ShellSegmentKind.Literal || first.Quoted) return false;
        // The name must be written plainly: the raw text starts with it.
        int eq = word.Raw.IndexOf('=');
        if (eq <= 0) return false;
        var name = word.Raw[..eq];
        if (!(char.IsAsciiLetter(name[0]) || name[0] == '_')) return false;
        foreach (var c in name) if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        if (first.Span.End - first.Span.Start < eq + 1) return false;
        nameLength = eq;
        return true;
    }

    private static ShellSimpleCommand BuildSimpleCommand(List<ShellToken> tokens, int start, int end, TextSpan span)
    {
        var assignments = ImmutableArray.CreateBuilder<ShellAssignment>();
        var words = ImmutableArray.CreateBuilder<ShellWord>();
        var redirections = ImmutableArray.CreateBuilder<ShellRedirection>();
        for (int k = start; k < end; k++)
        {
            var t = tokens[k];
            if (t.Kind == ShellTokenKind.Operator && RedirectionOperators.Contains(t.Text))
            {
                ShellWord? target = k + 1 < end && tokens[k + 1].Kind == ShellTokenKind.Word ? tokens[k + 1].Word : null;
                if (target is not null) k++;
                redirections.Add(new ShellRedirection(TextSpan.FromBounds(t.Span.Start, target?.Span.End ?? t.Span.End), t.Text, target));
                continue;
            }
            if (t.Kind != ShellTokenKind.Word) continue;
            var word = t.Word!;
            // An IO number: digits written right against a redirection operator (`2>/dev/null`).
            if (k + 1 < end && tokens[k + 1].Kind == ShellTokenKind.Operator && RedirectionOperators.Contains(tokens[k + 1].Text)
                && tokens[k + 1].Span.Start == word.Span.End && word.Raw.Length > 0 && word.Raw.All(char.IsAsciiDigit))
            {
                var op = tokens[k + 1];
                ShellWord? target = k + 2 < end && tokens[k + 2].Kind == ShellTokenKind.Word ? tokens[k + 2].Word : null;
                redirections.Add(new ShellRedirection(TextSpan.FromBounds(word.Span.Start, target?.Span.End ?? op.Span.End), word.Raw + op.Text, target));
                k += target is null ? 1 : 2;
                continue;
            }
            if (words.Count == 0 && IsAssignment(word, out int nameLength))
            {
                assignments.Add(SplitAssignment(word, nameLength));
                continue;
            }
            words.Add(word);
        }
        return new ShellSimpleCommand(span, assignments.ToImmutable(), words.ToImmutable(), redirections.ToImmutable());
    }

    internal static ShellAssignment SplitAssignment(ShellWord word, int nameLength)
    {
        var first = word.Segments[0];
        int valueStart = word.Span.Start + nameLength + 1;
        var rest = ImmutableArray.CreateBuilder<ShellSegment>();
        var firstRest = first.Text.Length > nameLength + 1 ? SharedStrings.Get(first.Text.AsSpan(nameLength + 1)) : "";
        if (firstRest.Length > 0) rest.Add(first with { Text = firstRest, Span = TextSpan.FromBounds(valueStart, first.Span.End) });
        for (int s = 1; s < word.Segments.Length; s++) rest.Add(word.Segments[s]);
        var valueSpan = TextSpan.FromBounds(valueStart, word.Span.End);
        var value = new ShellWord(valueSpan, SharedStrings.Get(word.Raw.AsSpan(nameLength + 1)), rest.ToImmutable());
        return new ShellAssignment(word.Span, SharedStrings.Get(word.Raw.AsSpan(0, nameLength)), new TextSpan(word.Span.Start, nameLength), value);
    }
}
