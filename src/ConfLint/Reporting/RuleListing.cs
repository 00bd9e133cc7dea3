using ConfLint.Analyzers;

namespace ConfLint.Reporting;

/// <summary>`conflint rules` and `conflint explain`.</summary>
public static class RuleListing
{
    public static void Write(bool json, TextWriter writer)
    {
        foreach (var d in RuleCatalog.Descriptors)
            writer.WriteLine($"{d.Id}  {d.DefaultSeverity,-7}  {d.Category,-8}  {d.Title}");
    }

    public static bool Explain(string id, TextWriter writer)
    {
        var d = RuleCatalog.Find(id);
        if (d is null) return false;
        writer.WriteLine($"{d.Id}: {d.Title}");
        writer.WriteLine(d.Description);
        return true;
    }
}
