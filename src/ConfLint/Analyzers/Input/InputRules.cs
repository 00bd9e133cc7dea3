namespace ConfLint.Analyzers.Input;

/// <summary>The rules of this category, one line each; the rule classes sit beside this file.</summary>
public static class InputRules
{
    public static IReadOnlyList<IRule> All { get; } = new IRule[]
    {
        new CL0001InputMustBeReadable(),
        new CL0002InputMustBeText(),
        new CL0003SuppressionMustBeValid(),
        new CL0004CheckNeedsMissingFact(),
    };
}
