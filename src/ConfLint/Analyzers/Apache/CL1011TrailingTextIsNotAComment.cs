using ConfLint.Diagnostics;
using ConfLint.Syntax.Apache;

namespace ConfLint.Analyzers.Apache;

/// <summary>
/// httpd has no trailing comments: in <c>ServerName x # c</c> the <c>#</c> and what follows are
/// more arguments (ap_getword_conf), so the directive either fails its argument count or
/// silently takes the words as values. RewriteRule/RewriteCond ignore words after the third.
/// </summary>
public sealed class CL1011TrailingTextIsNotAComment : Analyzer<ApacheConfiguration>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL1011",
        "Trailing text after a directive looks like a comment",
        "{0}",
        "Apache",
        Severity.Warning,
        "httpd only ignores lines that start with `#`; a `# …` after a directive's arguments is passed to the directive as more arguments. `ServerName localhost # c` fails with \"ServerName takes one argument\"; directives taking any number of arguments (AddType, Options, Header…) silently use the words.");

    public override DiagnosticDescriptor Descriptor => Rule;

    /// <summary>
    /// Set by the directive dictionary: true when httpd rejects the directive with these
    /// arguments (its argument count breaks), which makes the finding an error, as httpd then
    /// refuses the line. Unset, the finding stays a warning.
    /// </summary>
    public static Func<ApacheConfigDirective, bool>? HttpdRejectsArguments { get; set; }

    /// <summary>httpd's message when the directive dictionary says the words break the directive, else null.</summary>
    private static string? ArgumentRejection(ApacheConfiguration config, ApacheNodeContext ctx)
    {
        var directive = ctx.Directive!;
        if (ApacheDirectiveChecks.For(config).Any(f => ReferenceEquals(f.Node, directive))) return null;
        var info = ApacheDirectiveChecks.Resolve(ApacheDirectiveDictionary.Httpd24, directive.Name, config.Modules, out var loaded);
        if (info is null || !loaded) return null;
        return ApacheArgumentCheck.Check(info, directive.Arguments.Select(a => a.Value).ToList(), ApacheDirectiveChecks.FormContext(config, ctx));
    }

    public override void Analyze(ApacheConfiguration input, AnalysisContext context)
    {
        foreach (var ctx in input.ActiveDirectives())
        {
            var directive = ctx.Directive!;
            int index = -1;
            for (int i = 0; i < directive.Arguments.Length; i++)
            {
                var a = directive.Arguments[i];
                if (!a.IsQuoted && a.Value.StartsWith('#')) { index = i; break; }
            }
            if (index < 0) continue;
            var start = directive.Arguments[index].Span.Start;
            var end = directive.Line.TextSpan.End;
            var location = directive.Source.GetLocation(Text.TextSpan.FromBounds(start, Math.Max(start, end)));
            int extra = directive.Arguments.Length - index;
            string message;
            if (directive.RewriteArguments is { } rewrite && rewrite.IgnoredTailStart is not null && index >= rewrite.Words.Length)
            {
                message = $"'{directive.Arguments[index].Raw}…' after {directive.Name}'s arguments is not a comment: mod_rewrite silently ignores text after the third argument";
            }
            else
            {
                message = $"'{directive.Arguments[index].Raw}…' is not a comment: httpd has no trailing comments and passes {extra} more argument{(extra == 1 ? "" : "s")} to {directive.Name}; move the comment to its own line";
            }
            var diagnostic = Diagnostic.Create(Rule, location, message).WithIncludeChain(directive.IncludeChain) with { EngineOrder = directive.WalkPhaseOrder };
            // When the words break the directive's arguments httpd rejects the line: an error, reported
            // here rather than as CL1005 (catalogue precedence), unless an earlier check of the line failed.
            var rejection = ArgumentRejection(input, ctx);
            if (rejection is not null)
                diagnostic = diagnostic with { Severity = Severity.Error, Message = $"{message}; httpd stops: {rejection}" };
            else if (HttpdRejectsArguments?.Invoke(directive) == true)
                diagnostic = diagnostic with { Severity = Severity.Error, Message = message + "; httpd rejects the line for its argument count" };
            context.Report(diagnostic);
        }
    }
}
