namespace ConfLint.Analyzers.PhpIni;

/// <summary>The rules of this category, one line each; the rule classes sit beside this file.</summary>
public static class PhpIniRules
{
    public static IReadOnlyList<IRule> All { get; } = new IRule[]
    {
        new CL4011FpmLimitExtensionsMustBePhpOnly(),
        new CL4012FpmChrootMustExist(),
        new CL4013FpmConfigMustBeAccepted(),
    };
}
