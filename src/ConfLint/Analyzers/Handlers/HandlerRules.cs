namespace ConfLint.Analyzers.Handlers;

/// <summary>The rules of this category, one line each; the rule classes sit beside this file.</summary>
public static class HandlerRules
{
    public static IReadOnlyList<IRule> All { get; } = new IRule[]
    {
        new CL2003ActionTargetShouldRunAsFastCgi(),
        new CL2005FastCgiVhostShouldUseSuexec(),
        new CL2006PhpMustNotBeMappedByExtension(),
        new CL2009WrapperMustBeExecutable(),
        new CL2010FcgidMaxRequestsMustNotExceedPhp(),
        new CL2011FcgidWrapperMustNotForkChildren(),
        new CL2012FastCgiWrapperShouldSetChildren(),
        new CL2013ProxySocketMustHaveFpmPool(),
        new CL2014ChrootedFpmNeedsInJailScriptPath(),
        new CL2004FastCgiSuexecNeedsWrapper(),
    };
}
