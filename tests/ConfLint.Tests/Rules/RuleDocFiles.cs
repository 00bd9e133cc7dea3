namespace ConfLint.Tests.Rules;

/// <summary>The rules/ directory of the checkout.</summary>
public static class RuleDocFiles
{
    public static string Directory => RepoPaths.InRepo("rules");
}
