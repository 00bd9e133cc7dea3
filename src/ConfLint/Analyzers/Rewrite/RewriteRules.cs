namespace ConfLint.Analyzers.Rewrite;

/// <summary>The rules of this category, one line each; the rule classes sit beside this file.</summary>
public static class RewriteRules
{
    public static IReadOnlyList<IRule> All { get; } = new IRule[]
    {
    };
}
