using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ConfLint.Hosting.Model;
using ConfLint.Text;

namespace ConfLint.Reporting;

/// <summary>
/// `conflint model`: per vhost, the request flow drawn like the seed's diagram, the user and
/// jail, the wrapper and PHP binary, and the php.ini values that matter with file:line for each.
/// </summary>
public static class ModelWriter
{
    /// <summary>The php.ini settings every vhost listing shows.</summary>
    public static readonly string[] KeySettings = { "doc_root", "cgi.fix_pathinfo", "open_basedir", "disable_functions", "extension_dir" };

    public static void WriteText(HostModel model, TextWriter writer, string baseDirectory)
    {
        string Where(Location? l) => l is null ? "" : $"  ({Relative(l.Path, baseDirectory)}:{l.Line})";
        writer.WriteLine($"host: {(model.FileSystem.IsSysroot ? model.FileSystem.Root : "/")}   jails: {(model.UsesJails ? "yes" : "no")}{(model.FastCgiWrapper is { } fw ? $"   FastCgiWrapper {fw.Value}{Where(fw.Location)}" : "")}");
        foreach (var vhost in model.VirtualHosts)
        {
            writer.WriteLine();
            writer.WriteLine($"{(vhost.Section is null ? "main server" : "VirtualHost " + string.Join(' ', vhost.Addresses))} {vhost.DisplayName}{Where(vhost.Location)}");
            if (vhost.DocumentRoot is { } dr) writer.WriteLine($"  DocumentRoot      {dr.Value}{Where(dr.Location)}");
            if (vhost.SuexecUser is { } u)
            {
                var ids = vhost.User is { } entry ? $" uid {entry.Uid} gid {entry.Gid}" : " (no such user in /etc/passwd)";
                writer.WriteLine($"  SuexecUserGroup   {u.Value} {vhost.SuexecGroup?.Value}{ids}{Where(vhost.SuexecLocation)}");
            }
            if (vhost.Jail is { } jail) writer.WriteLine($"  jail              {jail.Root}  home {jail.HomeInJail}{Where(jail.Source)}");
            if (vhost.Backends.IsEmpty) writer.WriteLine("  php               (no PHP handler found)");
            foreach (var backend in vhost.Backends)
            {
                writer.WriteLine($"  flow              {string.Join(" -> ", backend.Chain.Select(s => s.Label))}");
                if (backend.WrapperHostPath is { } w) writer.WriteLine($"  wrapper           {w.Value}{Where(w.Location)}");
                if (backend.PhpBinary is { } php) writer.WriteLine($"  php binary        {php.Value}{(backend.PhpBinaryHostPath != php.Value ? $" (host {backend.PhpBinaryHostPath})" : "")}{Where(php.Location)}");
                if (backend.Pool is { } pool) writer.WriteLine($"  fpm pool          {pool.Name}{Where(pool.HeaderLocation)}");
                foreach (var (name, value) in backend.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
                    writer.WriteLine($"  env               {name}={value.Value}{Where(value.Location)}");
                if (backend.IniResolution is { } r)
                    writer.WriteLine($"  php.ini           {r.LoadedFile ?? "(none found)"}{(r.ScannedFiles.Count > 0 ? $" + {r.ScannedFiles.Count} scanned" : "")}");
                foreach (var key in KeySettings)
                {
                    var setting = backend.Setting(key);
                    writer.WriteLine($"    {key,-17} {(setting is null ? "(unset)" : "\"" + setting.Value + "\"")}{Where(setting?.Location)}");
                }
                var extensions = backend.IniFiles.SelectMany(f => f.Document.Entries.Where(e => e.LoadsExtension && e.Value is not null)).Select(e => e.Value!.Text).ToList();
                if (extensions.Count > 0) writer.WriteLine($"    {"extensions",-17} {string.Join(", ", extensions)}");
            }
        }
    }

    public static void WriteJson(HostModel model, Stream stream, string baseDirectory)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        void Loc(string name, Location? l)
        {
            if (l is null) return;
            json.WriteStartObject(name);
            json.WriteString("file", Relative(l.Path, baseDirectory));
            json.WriteNumber("line", l.Line);
            json.WriteEndObject();
        }
        void FactString(string name, Fact<string>? fact)
        {
            if (fact is null) return;
            json.WriteStartObject(name);
            json.WriteString("value", fact.Value);
            Loc("at", fact.Location);
            json.WriteEndObject();
        }
        json.WriteStartObject();
        json.WriteBoolean("usesJails", model.UsesJails);
        FactString("fastCgiWrapper", model.FastCgiWrapper);
        json.WriteStartArray("virtualHosts");
        foreach (var vhost in model.VirtualHosts)
        {
            json.WriteStartObject();
            json.WriteString("name", vhost.DisplayName);
            json.WriteBoolean("mainServer", vhost.Section is null);
            json.WriteStartArray("addresses");
            foreach (var a in vhost.Addresses) json.WriteStringValue(a);
            json.WriteEndArray();
            Loc("at", vhost.Location);
            FactString("serverName", vhost.ServerName);
            FactString("documentRoot", vhost.DocumentRoot);
            FactString("suexecUser", vhost.SuexecUser);
            FactString("suexecGroup", vhost.SuexecGroup);
            if (vhost.User is { } user) { json.WriteNumber("uid", user.Uid ?? -1); json.WriteNumber("gid", user.Gid ?? -1); }
            if (vhost.Jail is { } jail)
            {
                json.WriteStartObject("jail");
                json.WriteString("root", jail.Root);
                json.WriteString("home", jail.HomeInJail);
                Loc("at", jail.Source);
                json.WriteEndObject();
            }
            json.WriteStartArray("backends");
            foreach (var b in vhost.Backends)
            {
                json.WriteStartObject();
                json.WriteString("kind", b.Kind.ToString());
                json.WriteStartArray("flow");
                foreach (var step in b.Chain) json.WriteStringValue(step.Label);
                json.WriteEndArray();
                FactString("mapping", b.Mapping);
                FactString("wrapper", b.WrapperHostPath);
                FactString("phpBinary", b.PhpBinary);
                if (b.PhpBinaryHostPath is not null) json.WriteString("phpBinaryHostPath", b.PhpBinaryHostPath);
                if (b.Pool is not null) json.WriteString("fpmPool", b.Pool.Name);
                json.WriteStartObject("environment");
                foreach (var (k, v) in b.Environment.OrderBy(e => e.Key, StringComparer.Ordinal)) json.WriteString(k, v.Value);
                json.WriteEndObject();
                if (b.IniResolution is { } r)
                {
                    if (r.LoadedFile is null) json.WriteNull("phpIni"); else json.WriteString("phpIni", r.LoadedFile);
                    json.WriteStartArray("phpIniTried");
                    foreach (var t in r.Tried) json.WriteStringValue(t);
                    json.WriteEndArray();
                }
                json.WriteStartObject("settings");
                foreach (var s in b.Effective.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
                {
                    json.WriteStartObject(s.Name);
                    json.WriteString("value", s.Value);
                    Loc("at", s.Location);
                    json.WriteEndObject();
                }
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    // Relative to the base directory when under it, as the reports write paths; else as read.
    private static string Relative(string path, string baseDirectory) => ReportPaths.Relative(baseDirectory, path) ?? path;
}
