using System.Text;
using ConfLint.Hosting;
using ConfLint.Syntax.Apache;
using ConfLint.Syntax.Ini;

namespace ConfLint.Reporting;

/// <param name="Json">JSON instead of text.</param>
/// <param name="Raw">INI files: read as INI_SCANNER_RAW.</param>
/// <param name="IncludesOnly">Apache: only the included files, like `apache2 -t -D DUMP_INCLUDES`.</param>
public sealed record DumpOptions(bool Json, bool Raw, bool IncludesOnly);

/// <summary>
/// `conflint dump`: what ConfLint read, per input. Apache: the resolved directive tree with
/// file:line (like `apache2 -D DUMP_CONFIG`, inactive blocks marked). php.ini: as JSON, exactly
/// PHP 8.2's `json_encode(parse_ini_file(FILE, true, INI_SCANNER_NORMAL|RAW))`. One JSON value
/// per input, one per line when there are several.
/// </summary>
public static class Dumps
{
    public static void Write(Compilation compilation, DumpOptions options, TextWriter writer)
    {
        foreach (var input in compilation.Inputs)
        {
            switch (input)
            {
                case ApacheConfiguration apache:
                    if (options.IncludesOnly) writer.Write(ApacheDump.IncludesText(apache));
                    else if (options.Json) writer.WriteLine(ApacheDump.ToJson(apache));
                    else writer.Write(ApacheDump.ToText(apache));
                    break;
                case PhpIniFile ini:
                    // parse_ini_file() resolves ${VAR} from the environment, unlike PHP's startup read.
                    var document = IniDocument.Parse(ini.Text, options.Raw ? IniParseOptions.RawMode : IniParseOptions.Default);
                    if (options.Json) writer.WriteLine(IniDump.ToJson(document));
                    else writer.Write(IniText(document));
                    break;
                default:
                    if (input is IDumpable dumpable) dumpable.WriteDump(writer, options);
                    break;
            }
        }
    }

    // Text form of an INI file: every entry with its file:line and the value PHP sees.
    private static string IniText(IniDocument document)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(document.Text.HostPath).Append('\n');
        foreach (var statement in document.Statements)
        {
            var line = document.Text.GetLinePosition(statement.Span.Start).Line;
            switch (statement)
            {
                case IniSection section:
                    sb.Append($"[{section.Name}]").Append("    # line ").Append(line).Append('\n');
                    break;
                case IniEntry entry:
                    var key = entry.Offset is null ? entry.Key : $"{entry.Key}[{entry.Offset}]";
                    sb.Append(key).Append(" = \"").Append(entry.Value?.Text ?? "").Append("\"    # line ").Append(line).Append('\n');
                    break;
            }
        }
        if (document.Error is { } error)
            sb.Append($"# syntax error on line {error.PhpLine}: {error.Message}; PHP drops the rest of the file\n");
        return sb.ToString();
    }

    /// <summary>For inputs whose front end prints itself (FPM pools, wrappers, passwd).</summary>
    public interface IDumpable
    {
        void WriteDump(TextWriter writer, DumpOptions options);
    }
}
