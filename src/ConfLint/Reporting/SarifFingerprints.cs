using System.Security.Cryptography;
using System.Text;

namespace ConfLint.Reporting;

/// <summary>
/// partialFingerprints.primaryLocationLineHash: a hash of the rule ID, the file (relative path)
/// and the flagged line's content with whitespace runs collapsed and the ends trimmed, followed by
/// ":N" where N counts earlier results with the same hash in the run (1-based). The line
/// number is not part of it, so a finding keeps its fingerprint when lines are inserted above it
/// and code scanning keeps tracking the same alert.
/// </summary>
public sealed class SarifFingerprints
{
    public const string Key = "primaryLocationLineHash";

    private readonly Dictionary<string, int> _occurrences = new(StringComparer.Ordinal);

    public string Next(string ruleId, string file, string? lineText)
    {
        var hash = Hash(ruleId, file, lineText);
        int occurrence = _occurrences.TryGetValue(hash, out var n) ? n + 1 : 1;
        _occurrences[hash] = occurrence;
        return hash + ":" + occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Hash(string ruleId, string file, string? lineText)
    {
        var material = ruleId + "\0" + file + "\0" + Normalize(lineText ?? "");
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(material));
        return Convert.ToHexStringLower(digest.AsSpan(0, 8));
    }

    public static string Normalize(string line) =>
        string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
