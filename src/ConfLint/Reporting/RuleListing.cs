namespace ConfLint.Reporting;

/// <summary>`conflint rules` and `conflint explain`.</summary>
public static class RuleListing
{
    /// <summary>The catalogue as a table (ID, severity, category, title) or as JSON.</summary>
    public static void Write(bool json, TextWriter writer)
    {
        if (json) RuleListWriter.WriteJson(writer);
        else RuleListWriter.WriteTable(writer);
    }

    /// <summary>The rule's doc as text; false when no rule has that ID.</summary>
    public static bool Explain(string id, TextWriter writer) => RuleExplainer.Write(writer, id);
}
