using System.Collections.Immutable;
using System.Text;
using ConfLint.Text;

namespace ConfLint.Syntax.Shell;

/// <summary>What one piece of a shell word is, after quote removal.</summary>
public enum ShellSegmentKind
{
    /// <summary>Literal characters (quotes and escaping backslashes removed).</summary>
    Literal,

    /// <summary>`$NAME` or `${NAME}`: a parameter expansion the model can resolve.</summary>
    Parameter,

    /// <summary>`$(…)`, backquotes, `$((…))`, `${NAME:-…}`, `$1`, `$?`…: a value the model cannot know.</summary>
    Unknown,
}

/// <summary>One piece of a word with its span in the source (the span includes quotes and `$`).</summary>
public sealed record ShellSegment(ShellSegmentKind Kind, string Text, TextSpan Span, bool Quoted);

/// <summary>
/// A shell word (POSIX token recognition, XCU 2.3) with its exact span and its pieces after
/// quote removal. Field splitting and pathname expansion are not modelled except where
/// <see cref="ShellWord.Expand"/> says so.
/// </summary>
public sealed record ShellWord(TextSpan Span, string Raw, ImmutableArray<ShellSegment> Segments)
{
    /// <summary>The word when it holds no expansion at all (quotes removed); null otherwise.</summary>
    public string? Literal
    {
        get
        {
            // Most words are one literal piece: its text is the answer, with nothing to join.
            if (Segments.Length == 1) return Segments[0].Kind == ShellSegmentKind.Literal ? Segments[0].Text : null;
            foreach (var segment in Segments)
                if (segment.Kind != ShellSegmentKind.Literal) return null;
            return string.Concat(Segments.Select(s => s.Text));
        }
    }

    public bool HasUnknownPart => Segments.Any(s => s.Kind == ShellSegmentKind.Unknown);

    /// <summary>
    /// The value of the word as one string (no field splitting: as in an assignment), with
    /// parameters looked up by <paramref name="lookup"/>; null when a part cannot be known.
    /// </summary>
    public string? Expand(Func<string, string?> lookup)
    {
        var sb = new StringBuilder();
        foreach (var s in Segments)
        {
            switch (s.Kind)
            {
                case ShellSegmentKind.Literal: sb.Append(s.Text); break;
                case ShellSegmentKind.Parameter:
                    var v = lookup(s.Text);
                    if (v is null) return null;
                    sb.Append(v);
                    break;
                default: return null;
            }
        }
        return SharedStrings.Get(sb);
    }

    /// <summary>
    /// The fields the word becomes as a command argument: unquoted expansions are split at
    /// blanks and newlines (default IFS) and empty unquoted expansions vanish. Null when unknown.
    /// </summary>
    public IReadOnlyList<string>? ExpandFields(Func<string, string?> lookup)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        bool hasCurrent = false;
        foreach (var s in Segments)
        {
            string text;
            if (s.Kind == ShellSegmentKind.Literal) text = s.Text;
            else if (s.Kind == ShellSegmentKind.Parameter)
            {
                var v = lookup(s.Text);
                if (v is null) return null;
                text = v;
            }
            else return null;

            if (s.Kind == ShellSegmentKind.Literal || s.Quoted)
            {
                current.Append(text);
                hasCurrent = true;
                continue;
            }
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c is ' ' or '\t' or '\n')
                {
                    if (hasCurrent) { fields.Add(current.ToString()); current.Clear(); hasCurrent = false; }
                }
                else
                {
                    current.Append(c);
                    hasCurrent = true;
                }
            }
        }
        if (hasCurrent) fields.Add(current.ToString());
        return fields;
    }

    public override string ToString() => Raw;
}

/// <summary>A redirection of a simple command (`2>/dev/null`, `>&2`, `<file`).</summary>
public sealed record ShellRedirection(TextSpan Span, string Operator, ShellWord? Target);

/// <summary>A node of a wrapper script: a comment, the shebang, a command.</summary>
public abstract record ShellNode(TextSpan Span);

/// <summary>The `#!interpreter [argument]` first line (execve reads at most one argument).</summary>
public sealed record ShellShebang(TextSpan Span, string Interpreter, TextSpan InterpreterSpan, string? Argument) : ShellNode(Span);

public sealed record ShellComment(TextSpan Span, string Text) : ShellNode(Span);

/// <summary>`NAME=word`: before a command name, or the whole command.</summary>
public sealed record ShellAssignment(TextSpan Span, string Name, TextSpan NameSpan, ShellWord Value);

/// <summary>
/// A simple command (XCU 2.9.1): assignments, then the command name and its arguments, with
/// redirections. A command of assignments only sets shell variables.
/// </summary>
public sealed record ShellSimpleCommand(
    TextSpan Span,
    ImmutableArray<ShellAssignment> Assignments,
    ImmutableArray<ShellWord> Words,
    ImmutableArray<ShellRedirection> Redirections) : ShellNode(Span)
{
    public ShellWord? Name => Words.IsEmpty ? null : Words[0];

    /// <summary>The words after the command name (a new array each time: callers keep it).</summary>
    public ImmutableArray<ShellWord> Arguments => Words.IsEmpty ? Words : Words.RemoveAt(0);
}

/// <summary>
/// Anything the wrapper model does not interpret (if/case/loops/functions/pipelines/and-or
/// lists/subshells): kept whole with its span, never guessed into.
/// </summary>
public sealed record ShellOpaqueCommand(TextSpan Span, string Reason, string Text) : ShellNode(Span);

/// <summary>A problem the shell itself would reject (unterminated quote).</summary>
public sealed record ShellSyntaxError(TextSpan Span, string Message);

/// <summary>A parsed wrapper script: every node in source order.</summary>
public sealed record ShellScript(
    SourceText Source,
    ShellShebang? Shebang,
    ImmutableArray<ShellNode> Nodes,
    ImmutableArray<ShellSyntaxError> Errors)
{
    public IEnumerable<ShellSimpleCommand> SimpleCommands => Nodes.OfType<ShellSimpleCommand>();

    public IEnumerable<ShellOpaqueCommand> OpaqueCommands => Nodes.OfType<ShellOpaqueCommand>();
}
