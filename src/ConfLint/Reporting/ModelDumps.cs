using System.Text;
using System.Text.Json;
using ConfLint.Syntax.Ini;
using ConfLint.Syntax.Passwd;
using ConfLint.Syntax.Shell;
using ConfLint.Text;

namespace ConfLint.Reporting;

/// <summary>
/// `conflint dump` for the FPM, wrapper and passwd/group models: text for people, JSON
/// (Utf8JsonWriter, one indented object per input) for tools. Every value carries the
/// file:line it came from.
/// </summary>
public static class ModelDumps
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true };

    private static void Json(TextWriter writer, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions)) write(json);
        writer.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string At(Location location) => $"{location.HostPath}:{location.Line}";

    // ---- php-fpm ----

    public static void Write(FpmConfig config, TextWriter writer, DumpOptions options)
    {
        if (options.Json) { Json(writer, j => WriteJson(config, j)); return; }
        writer.WriteLine($"# php-fpm configuration {config.Main.HostPath}");
        foreach (var file in config.Files)
            writer.WriteLine(file.IncludeChain.IsEmpty ? $"file {file.HostPath}" : $"file {file.HostPath}  (included from {At(file.IncludeChain[0])})");
        if (options.IncludesOnly) return;
        writer.WriteLine("[global]");
        foreach (var s in config.Global.GroupBy(s => s.Key).Select(g => g.Last()))
            writer.WriteLine($"  {s.Key} = {s.Value}    ; {s.Where}");
        foreach (var pool in config.Pools)
        {
            writer.WriteLine($"[{pool.Name}]    ; {pool.File.HostPath}:{pool.Line}");
            foreach (var s in pool.EffectiveSettings)
            {
                var evaluated = pool.Evaluated.TryGetValue(s.Key, out var e) && e != s.Value ? $"  (php-fpm uses {e})" : "";
                writer.WriteLine($"  {s.Key} = {s.Value}{evaluated}    ; {s.Where}");
            }
            foreach (var s in pool.Settings.Where(s => s.IsArray))
                writer.WriteLine($"  {s.Key}[{s.ArrayKey}] = {s.Value}    ; {s.Where}");
        }
        foreach (var p in config.Problems.OrderBy(p => p.Order))
            writer.WriteLine($"problem {At(p.Location)}: {p.Message} (php-fpm: {p.EngineMessage})");
    }

    private static void WriteJson(FpmConfig config, Utf8JsonWriter j)
    {
        j.WriteStartObject();
        j.WriteString("kind", "fpm");
        j.WriteString("main", config.Main.HostPath);
        j.WriteStartArray("files");
        foreach (var file in config.Files)
        {
            j.WriteStartObject();
            j.WriteString("path", file.HostPath);
            j.WriteStartArray("includedFrom");
            foreach (var l in file.IncludeChain) j.WriteStringValue(At(l));
            j.WriteEndArray();
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("global");
        foreach (var s in config.Global.GroupBy(s => s.Key).Select(g => g.Last())) Setting(j, s, null);
        j.WriteEndArray();
        j.WriteStartArray("pools");
        foreach (var pool in config.Pools)
        {
            j.WriteStartObject();
            j.WriteString("name", pool.Name);
            j.WriteString("file", pool.File.HostPath);
            j.WriteNumber("line", pool.Line);
            j.WriteStartArray("settings");
            foreach (var s in pool.EffectiveSettings) Setting(j, s, pool.Evaluated.TryGetValue(s.Key, out var e) ? e : null);
            foreach (var s in pool.Settings.Where(s => s.IsArray)) Setting(j, s, null);
            j.WriteEndArray();
            j.WriteStartArray("limitExtensions");
            foreach (var e in pool.LimitExtensions) j.WriteStringValue(e);
            j.WriteEndArray();
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("problems");
        foreach (var p in config.Problems.OrderBy(p => p.Order))
        {
            j.WriteStartObject();
            j.WriteString("at", At(p.Location));
            j.WriteString("message", p.Message);
            j.WriteString("engineMessage", p.EngineMessage);
            j.WriteBoolean("onDisk", p.OnDisk);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    }

    private static void Setting(Utf8JsonWriter j, FpmSetting s, string? evaluated)
    {
        j.WriteStartObject();
        j.WriteString("key", s.Key);
        if (s.ArrayKey is not null) j.WriteString("arrayKey", s.ArrayKey);
        j.WriteString("value", s.Value);
        if (evaluated is not null && evaluated != s.Value) j.WriteString("evaluated", evaluated);
        if (s.Number is long n) j.WriteNumber("number", n);
        j.WriteString("file", s.File.HostPath);
        j.WriteNumber("line", s.Line);
        j.WriteEndObject();
    }

    // ---- php-wrapper ----

    public static void Write(WrapperModel model, TextWriter writer, DumpOptions options)
    {
        if (options.Json) { Json(writer, j => WriteJson(model, j)); return; }
        var src = model.Source;
        int Line(TextSpan span) => src.GetLinePosition(span.Start).Line;
        writer.WriteLine($"# wrapper {model.HostPath}");
        writer.WriteLine($"interpreter: {model.Interpreter ?? "(no #! line)"}");
        if (model.UnixMode is int mode) writer.WriteLine($"mode: {Convert.ToString(mode & 0xFFF, 8).PadLeft(4, '0')}");
        writer.WriteLine("variables:");
        foreach (var v in model.Variables)
        {
            var assigned = string.Join(",", v.Assignments.Select(a => Line(a.Span)));
            var exported = string.Join(",", v.Exports.Select(Line));
            writer.WriteLine($"  {v.Name}={v.Value ?? "(unknown)"}  {(v.Exported ? "exported" : "not exported")}{(v.Readonly ? ", readonly" : "")}" +
                $"  ; assigned line {(assigned.Length > 0 ? assigned : "-")}, exported line {(exported.Length > 0 ? exported : "-")}");
        }
        if (model.Php is { } php)
        {
            writer.WriteLine($"php: {(php.ViaExec ? "exec " : "runs without exec ")}{php.Program ?? php.ProgramWord.Raw}  ; line {Line(php.Command.Span)}");
            writer.WriteLine($"  arguments: {(php.Arguments is null ? "(not known)" : string.Join(" ", php.Arguments.Select(Quote)))}");
            foreach (var o in php.Options)
                writer.WriteLine($"  option {o.Option}{(o.Key is not null ? " " + o.Key + "=" + o.Value : o.Value is not null ? " " + o.Value : "")}  ; line {Line(o.Span)}");
            foreach (var e in php.Environment) writer.WriteLine($"  environment {e.Name}={e.Value ?? "(unknown)"}");
        }
        else writer.WriteLine("php: (no command starting PHP found)");
        if (model.Abort is { } abort) writer.WriteLine($"sh stops at line {Line(abort.Span)}: {abort.Message}");
        foreach (var o in model.Script.OpaqueCommands) writer.WriteLine($"not interpreted, line {Line(o.Span)}: {o.Reason}");
    }

    private static string Quote(string s) => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@%+".Contains(c)) ? s : "'" + s.Replace("'", "'\\''") + "'";

    private static void WriteJson(WrapperModel model, Utf8JsonWriter j)
    {
        var src = model.Source;
        int Line(TextSpan span) => src.GetLinePosition(span.Start).Line;
        j.WriteStartObject();
        j.WriteString("kind", "wrapper");
        j.WriteString("path", model.HostPath);
        if (model.Interpreter is null) j.WriteNull("interpreter"); else j.WriteString("interpreter", model.Interpreter);
        if (model.UnixMode is int mode) j.WriteString("mode", Convert.ToString(mode & 0xFFF, 8).PadLeft(4, '0'));
        j.WriteStartArray("variables");
        foreach (var v in model.Variables)
        {
            j.WriteStartObject();
            j.WriteString("name", v.Name);
            if (v.Value is null) j.WriteNull("value"); else j.WriteString("value", v.Value);
            j.WriteBoolean("exported", v.Exported);
            j.WriteBoolean("readonly", v.Readonly);
            j.WriteStartArray("assignedLines");
            foreach (var a in v.Assignments) j.WriteNumberValue(Line(a.Span));
            j.WriteEndArray();
            j.WriteStartArray("exportedLines");
            foreach (var e in v.Exports) j.WriteNumberValue(Line(e));
            j.WriteEndArray();
            j.WriteEndObject();
        }
        j.WriteEndArray();
        if (model.Php is { } php)
        {
            j.WriteStartObject("php");
            j.WriteBoolean("exec", php.ViaExec);
            if (php.Program is null) j.WriteNull("program"); else j.WriteString("program", php.Program);
            j.WriteNumber("line", Line(php.Command.Span));
            if (php.Arguments is null) j.WriteNull("arguments");
            else
            {
                j.WriteStartArray("arguments");
                foreach (var a in php.Arguments) j.WriteStringValue(a);
                j.WriteEndArray();
            }
            j.WriteStartArray("options");
            foreach (var o in php.Options)
            {
                j.WriteStartObject();
                j.WriteString("option", o.Option);
                j.WriteString("kind", o.Kind.ToString());
                if (o.Key is not null) j.WriteString("key", o.Key);
                if (o.Value is not null) j.WriteString("value", o.Value);
                j.WriteNumber("line", Line(o.Span));
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteStartObject("environment");
            foreach (var e in php.Environment)
            {
                if (e.Value is null) j.WriteNull(e.Name); else j.WriteString(e.Name, e.Value);
            }
            j.WriteEndObject();
            j.WriteEndObject();
        }
        else j.WriteNull("php");
        j.WriteStartArray("opaqueCommands");
        foreach (var o in model.Script.OpaqueCommands)
        {
            j.WriteStartObject();
            j.WriteNumber("line", Line(o.Span));
            j.WriteString("reason", o.Reason);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    }

    // ---- passwd / group ----

    public static void Write(PasswdFile file, TextWriter writer, DumpOptions options)
    {
        if (options.Json)
        {
            Json(writer, j =>
            {
                j.WriteStartObject();
                j.WriteString("kind", "passwd");
                j.WriteString("path", file.Source.HostPath);
                j.WriteStartArray("users");
                foreach (var e in file.Entries)
                {
                    j.WriteStartObject();
                    j.WriteString("name", e.Name.Text);
                    if (e.Uid is long uid) j.WriteNumber("uid", uid); else j.WriteNull("uid");
                    if (e.Gid is long gid) j.WriteNumber("gid", gid); else j.WriteNull("gid");
                    j.WriteString("home", e.Home.Text);
                    if (e.JailRoot is null) j.WriteNull("jail"); else j.WriteString("jail", e.JailRoot);
                    j.WriteString("homeInJail", e.HomeInJail);
                    j.WriteString("shell", e.Shell.Text);
                    j.WriteBoolean("usable", e.IsUsable);
                    j.WriteNumber("line", e.Line);
                    j.WriteEndObject();
                }
                j.WriteEndArray();
                Problems(j, file.Problems);
                j.WriteEndObject();
            });
            return;
        }
        writer.WriteLine($"# passwd {file.Source.HostPath}");
        foreach (var e in file.Entries)
        {
            var jail = e.JailRoot is null ? "not jailed" : $"jail {e.JailRoot}, home in jail {e.HomeInJail}";
            writer.WriteLine($"{e.Name.Text}  uid={e.Uid?.ToString() ?? "?"} gid={e.Gid?.ToString() ?? "?"}  home={e.Home.Text}  {jail}  shell={e.Shell.Text}{(e.IsUsable ? "" : "  (ignored by the system)")}  ; line {e.Line}");
        }
        foreach (var p in file.Problems) writer.WriteLine($"line {p.Line}: {p.Message}");
    }

    public static void Write(GroupFile file, TextWriter writer, DumpOptions options)
    {
        if (options.Json)
        {
            Json(writer, j =>
            {
                j.WriteStartObject();
                j.WriteString("kind", "group");
                j.WriteString("path", file.Source.HostPath);
                j.WriteStartArray("groups");
                foreach (var e in file.Entries)
                {
                    j.WriteStartObject();
                    j.WriteString("name", e.Name.Text);
                    if (e.Gid is long gid) j.WriteNumber("gid", gid); else j.WriteNull("gid");
                    j.WriteStartArray("members");
                    foreach (var m in e.Members) j.WriteStringValue(m.Text);
                    j.WriteEndArray();
                    j.WriteBoolean("usable", e.IsUsable);
                    j.WriteNumber("line", e.Line);
                    j.WriteEndObject();
                }
                j.WriteEndArray();
                Problems(j, file.Problems);
                j.WriteEndObject();
            });
            return;
        }
        writer.WriteLine($"# group {file.Source.HostPath}");
        foreach (var e in file.Entries)
            writer.WriteLine($"{e.Name.Text}  gid={e.Gid?.ToString() ?? "?"}  members={string.Join(",", e.Members.Select(m => m.Text))}{(e.IsUsable ? "" : "  (ignored by the system)")}  ; line {e.Line}");
        foreach (var p in file.Problems) writer.WriteLine($"line {p.Line}: {p.Message}");
    }

    private static void Problems(Utf8JsonWriter j, IEnumerable<PasswdProblem> problems)
    {
        j.WriteStartArray("problems");
        foreach (var p in problems)
        {
            j.WriteStartObject();
            j.WriteNumber("line", p.Line);
            j.WriteString("message", p.Message);
            j.WriteEndObject();
        }
        j.WriteEndArray();
    }
}
