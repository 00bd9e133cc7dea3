namespace ConfLint.Analyzers.Apache;

/// <summary>The rules of this category, one line each; the rule classes sit beside this file.</summary>
public static class ApacheRules
{
    public static IReadOnlyList<IRule> All { get; } = new IRule[]
    {
        new CL1001SectionMustBeClosed(),
        new CL1002CloseTagMustMatchOpenTag(),
        new CL1003DirectiveMustBeKnown(),
        new CL1004DirectiveMustBeAllowedInContext(),
        new CL1005ArgumentsMustFitDirective(),
        new CL1006IncludeMustResolve(),
        new CL1007VariableMustBeDefined(),
        new CL1008ModuleMustBeLoaded(),
        new CL1009ConditionalBlockInactive(),
        new CL1010VirtualHostNameMustBeUnique(),
        new CL1011TrailingTextIsNotAComment(),
        new CL1012ConditionalMustBeClosed(),
        new CL1013LoadModuleMustLoad(),
    };
}
