namespace ConfLint.Analyzers.PhpIni;

/// <summary>The rules of this category, one line each; the rule classes sit beside this file.</summary>
public static class PhpIniRules
{
    public static IReadOnlyList<IRule> All { get; } = new IRule[]
    {
        new CL4008SharedHostingNeedsOpenBasedir(),
        new CL4001ChrootedCgiMustDisableFixPathinfo(),
        new CL4002PhpIniMustParse(),
        new CL4003PhpIniDirectiveMustBeKnown(),
        new CL4004PhpIniValueMustMatchType(),
        new CL4005PhpIniDirectiveSetOnce(),
        new CL4009PhpIniShouldBeHardened(),
        new CL4010PerDirectorySectionMustBeLast(),
        new CL4011FpmLimitExtensionsMustBePhpOnly(),
        new CL4012FpmChrootMustExist(),
        new CL4013FpmConfigMustBeAccepted(),
    };
}
