namespace ConfLint.Analyzers.Handlers;

/// <summary>The rules of this category, one line each; the rule classes sit beside this file.</summary>
public static class HandlerRules
{
    public static IReadOnlyList<IRule> All { get; } = new IRule[]
    {
        new CL2004FastCgiSuexecNeedsWrapper(),
    };
}
