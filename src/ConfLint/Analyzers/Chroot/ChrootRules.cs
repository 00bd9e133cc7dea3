namespace ConfLint.Analyzers.Chroot;

/// <summary>The rules of this category, one line each; the rule classes sit beside this file.</summary>
public static class ChrootRules
{
    public static IReadOnlyList<IRule> All { get; } = new IRule[]
    {
        new CL3001SuexecUserMustBeJailed(),
        new CL3002SuexecUserAndGroupMustExist(),
        new CL3003SuexecIdsMustBeAboveMinimum(),
        new CL3004DocumentRootMustBeInsideJail(),
        new CL3005DocRootMustMatchJail(),
        new CL3006ChrootedPhpNeedsDocRoot(),
        new CL3007WrapperExecTargetMustExistInJail(),
        new CL3008JailMustNotBeShared(),
    };
}
