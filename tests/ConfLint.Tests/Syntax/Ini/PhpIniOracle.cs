using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConfLint.Syntax.Ini;
using ConfLint.Tests.Oracles;

namespace ConfLint.Tests.Syntax.Ini;

/// <summary>What PHP 8.2 says about one INI text in NORMAL and RAW mode.</summary>
public sealed record PhpIniVerdict(string NormalJson, string? NormalError, string RawJson, string? RawError, string FlatJson);

/// <summary>Runs many INI texts through `php -n` parse_ini_string in one process and compares them with ConfLint.</summary>
public static partial class PhpIniOracle
{
    [GeneratedRegex(@"on line (\d+)")]
    private static partial Regex LineOf();

    public static IReadOnlyList<PhpIniVerdict> Run(IReadOnlyList<string> texts)
    {
        var php = Oracle.Require("php");
        var script = Path.Combine(AppContext.BaseDirectory, "Syntax", "Ini", "parse-ini-oracle.php");
        var input = Path.GetTempFileName();
        try
        {
            File.WriteAllText(input, JsonSerializer.Serialize(texts.Select(t => Convert.ToBase64String(Encoding.UTF8.GetBytes(t))).ToArray()));
            var psi = new ProcessStartInfo(php, new[] { "-n", "-d", "memory_limit=1G", script, input })
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.Environment["CONFLINT_INI_VAR"] = "from-env";
            using var process = Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var rows = JsonNode.Parse(stdout)!.AsArray();
            return rows.Select(r => new PhpIniVerdict(
                (string)r!["normal"]!, (string?)r["normalError"], (string)r["raw"]!, (string?)r["rawError"], (string)r["flat"]!)).ToList();
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static readonly JsonSerializerOptions Canonical = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Normalize(string json) => JsonNode.Parse(json)?.ToJsonString(Canonical) ?? "null";

    /// <summary>The environment the oracle's php process sees, for ConfLint's ${var} resolution.</summary>
    public static string? Environment(string name) =>
        name == "CONFLINT_INI_VAR" ? "from-env" : System.Environment.GetEnvironmentVariable(name);

    public static int? ErrorLine(string? message)
    {
        if (message is null) return null;
        var m = LineOf().Match(message);
        return m.Success ? int.Parse(m.Groups[1].Value) : -1;
    }

    /// <summary>Compares ConfLint with PHP on one text in one mode; returns null when they agree, else a description.</summary>
    public static string? Compare(string text, IniScannerMode mode, string phpJson, string? phpError, bool processSections = true)
    {
        var options = new IniParseOptions { Mode = mode, Environment = Environment };
        var document = IniDocument.Parse(text, options);
        var ours = IniDump.ToJson(document, processSections);
        int? ourLine = document.Error?.PhpLine;
        int? phpLine = ErrorLine(phpError);
        // Same JSON value and the same key order: both sides re-serialised with one encoder.
        bool jsonSame = Normalize(ours) == Normalize(phpJson);
        bool errorSame = ourLine == phpLine
            && (phpError is null || phpError.StartsWith(document.Error!.Message + " in ", StringComparison.Ordinal));
        if (jsonSame && errorSame) return null;
        return $"{mode}{(processSections ? "" : " (no sections)")} {JsonSerializer.Serialize(text)}\n  php:      {phpJson} {phpError}\n  conflint: {ours} {document.Error?.Message} line {ourLine}";
    }
}
