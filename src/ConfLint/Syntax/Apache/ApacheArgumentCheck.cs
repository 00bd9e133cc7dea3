namespace ConfLint.Syntax.Apache;

/// <summary>
/// Checks a directive's words the way httpd's invoke_cmd() (server/config.c) does before it calls
/// the handler, and the few argument forms ConfLint mirrors from handlers (mod_actions' `virtual`).
/// Words are what ap_getword_conf returns, in order: a quoted empty word ("") is an empty string,
/// and invoke_cmd treats an empty first word as no argument at all.
/// </summary>
public static class ApacheArgumentCheck
{
    /// <summary>httpd's message when the words do not fit the directive, else null.</summary>
    public static string? Check(ApacheDirectiveInfo directive, IReadOnlyList<string> words) =>
        Check(directive, words, ApacheFormContext.Default);

    /// <summary>As <see cref="Check(ApacheDirectiveInfo, IReadOnlyList{string})"/>, with what the handlers' form checks need to know.</summary>
    public static string? Check(ApacheDirectiveInfo directive, IReadOnlyList<string> words, ApacheFormContext context)
    {
        if (directive.IsSection) return null;
        var arity = CheckArity(directive, words);
        if (arity is not null) return arity;
        return ApacheHandlerForms.Check(directive, words, context);
    }

    /// <summary>The arity test of invoke_cmd(), per cmd_how; the message is httpd's, errmsg included.</summary>
    public static string? CheckArity(ApacheDirectiveInfo directive, IReadOnlyList<string> words)
    {
        var n = words.Count;
        bool Empty(int i) => i >= n || words[i].Length == 0;
        string Fail(string what) =>
            directive.Name + what + (directive.Description.Length > 0 ? ", " + directive.Description : "");
        switch (directive.Arguments)
        {
            case ArgumentKind.RawArgs:
                return null;
            case ArgumentKind.NoArgs:
                return n != 0 ? directive.Name + " takes no arguments" : null;
            case ArgumentKind.Take1:
                return Empty(0) || n > 1 ? Fail(" takes one argument") : null;
            case ArgumentKind.Take2:
                return Empty(0) || Empty(1) || n > 2 ? Fail(" takes two arguments") : null;
            case ArgumentKind.Take12:
                return Empty(0) || n > 2 ? Fail(" takes 1-2 arguments") : null;
            case ArgumentKind.Take3:
                return Empty(0) || Empty(1) || Empty(2) || n > 3 ? Fail(" takes three arguments") : null;
            case ArgumentKind.Take23:
                return Empty(0) || Empty(1) || n > 3 ? Fail(" takes two or three arguments") : null;
            case ArgumentKind.Take123:
                return Empty(0) || n > 3 ? Fail(" takes one, two or three arguments") : null;
            case ArgumentKind.Take13:
                return Empty(0) || (n == 2 && !Empty(1)) || n > 3 ? Fail(" takes one or three arguments") : null;
            case ArgumentKind.Iterate:
                return Empty(0) ? Fail(" requires at least one argument") : null;
            case ArgumentKind.Iterate2:
                return Empty(0) || n < 2 ? Fail(" requires at least two arguments") : null;
            case ArgumentKind.Flag:
                // invoke_cmd reads one word and ignores the rest of the line.
                return Empty(0) || !(words[0].Equals("on", StringComparison.OrdinalIgnoreCase) ||
                                     words[0].Equals("off", StringComparison.OrdinalIgnoreCase))
                    ? directive.Name + " must be On or Off"
                    : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The number of words ITERATE/FLAG/TAKEn directives actually use; words past it are ignored by
    /// httpd without a message (FLAG reads one word; ITERATE stops at an empty word).
    /// </summary>
    public static int WordsUsed(ApacheDirectiveInfo directive, IReadOnlyList<string> words) => directive.Arguments switch
    {
        ArgumentKind.Flag => Math.Min(1, words.Count),
        ArgumentKind.Iterate or ArgumentKind.Iterate2 => words.TakeWhile(w => w.Length > 0).Count(),
        _ => words.Count,
    };
}
