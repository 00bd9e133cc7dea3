namespace ConfLint.Analyzers.Wrapper;

/// <summary>The rules of this category, one line each; the rule classes sit beside this file.</summary>
public static class WrapperRules
{
    public static IReadOnlyList<IRule> All { get; } = new IRule[]
    {
        new CL6001WrapperMustExecPhp(),
        new CL6002WrapperMustBeExecutableScript(),
        new CL6003WrapperMustExportPhpVariables(),
        new CL6004WrapperPhpVariableMustBeValid(),
        new CL6005WrapperMustRunCgiBuildOfPhp(),
    };
}
