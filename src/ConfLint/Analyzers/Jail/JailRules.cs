namespace ConfLint.Analyzers.Jail;

/// <summary>The rules of this category, one line each; the rule classes sit beside this file.</summary>
public static class JailRules
{
    public static IReadOnlyList<IRule> All { get; } = new IRule[]
    {
    };
}
