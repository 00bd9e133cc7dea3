namespace ConfLint.Analyzers.Jail;

/// <summary>The rules of this category, one line each; the rule classes sit beside this file.</summary>
public static class JailRules
{
    public static IReadOnlyList<IRule> All { get; } = new IRule[]
    {
        new CL7001JailPathMustBeRootOwned(),
        new CL7002JailMustHoldNoSetuidFiles(),
        new CL7003JailDevicesMustBeHarmless(),
        new CL7004JailedPhpLibrariesMustExist(),
        new CL7005JailMustHoldRuntimeDirectories(),
        new CL7006JailedPhpIniMustNotBeWritableByUser(),
        new CL7007WrapperMustNotBeReplaceable(),
    };
}
