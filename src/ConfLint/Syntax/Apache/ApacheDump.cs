using System.Text;
using System.Text.Json;

namespace ConfLint.Syntax.Apache;

/// <summary>
/// Renders what the loader read: the resolved tree with file:line for every node (Includes
/// expanded, inactive blocks marked), like <c>apache2 -D DUMP_CONFIG</c>, as text or JSON; and
/// the included files like <c>apache2 -t -D DUMP_INCLUDES</c>.
/// </summary>
public static class ApacheDump
{
    /// <summary>
    /// One line per node: <c>file:line: text</c>, indented by nesting. Include lines are shown
    /// as comments followed by what they read; inactive nodes are prefixed with <c>#! </c> and
    /// skipped blocks say why.
    /// </summary>
    public static string ToText(ApacheConfiguration config, bool includeInactive = true)
    {
        var sb = new StringBuilder();
        foreach (var node in config.Nodes) WriteText(sb, config, node, 0, includeInactive);
        return sb.ToString();
    }

    private static void WriteText(StringBuilder sb, ApacheConfiguration config, ApacheConfigNode node, int depth, bool includeInactive)
    {
        if (!node.IsActive && !includeInactive) return;
        var indent = new string(' ', depth * 2);
        var mark = node.IsActive ? "" : "#! ";
        var where = $"{node.Source.HostPath}:{node.Line.FirstLine}: ";
        switch (node)
        {
            case ApacheConfigSection section:
            {
                var open = section.ArgumentText.Length > 0 ? $"<{section.Name} {section.ArgumentText}>" : $"<{section.Name}>";
                var note = section.IsActive && !section.IsBodyActive
                    ? $"    # skipped: {section.ConditionReason ?? (section.Kind == ApacheSectionKind.Macro ? "macro definition" : "not read")}"
                    : "";
                sb.Append(where).Append(indent).Append(mark).Append(open).Append(note).Append('\n');
                foreach (var child in section.Children) WriteText(sb, config, child, depth + 1, includeInactive);
                var closeWhere = section.CloseLocation is { } c ? $"{c.HostPath}:{c.Line}: " : $"{node.Source.HostPath}:(end): ";
                sb.Append(closeWhere).Append(indent).Append(mark).Append("</").Append(section.Name).Append('>')
                    .Append(section.CloseLocation is null ? "    # never closed" : "").Append('\n');
                break;
            }
            case ApacheConfigDirective directive:
            {
                var text = directive.ArgumentText.Length > 0 ? $"{directive.Name} {directive.ArgumentText}" : directive.Name;
                if (directive.IncludedFiles.Count > 0 || IsInclude(directive))
                {
                    sb.Append(where).Append(indent).Append(mark).Append("# ").Append(text);
                    sb.Append(directive.IncludedFiles.Count == 0 ? "    # nothing read" : "").Append('\n');
                }
                else
                {
                    sb.Append(where).Append(indent).Append(mark).Append(text);
                    if (node.IsActive && Facts(config, directive) is { } facts) sb.Append("    # ").Append(facts.Module ?? "unknown directive").Append(facts.Module is not null && !facts.Loaded ? " (not loaded)" : "").Append(" in ").Append(ApacheDirectiveContext.Describe(facts.Context));
                    sb.Append('\n');
                }
                foreach (var child in directive.Expansion) WriteText(sb, config, child, depth, includeInactive);
                break;
            }
        }
    }

    /// <summary>The module (identifier and source file) that defines a directive with the loaded modules, and the context it stands in.</summary>
    private static (string? Module, string? Source, bool Loaded, DirectiveContexts Context)? Facts(ApacheConfiguration config, ApacheConfigDirective d)
    {
        var info = ApacheDirectiveDictionary.Httpd24.Resolve(d.Name, config.Modules, out var loaded);
        return (info?.Module, info?.SourceFile, loaded, ApacheDirectiveContext.Of(d.EnclosingSections, d.InHtaccess));
    }

    /// <summary>
    /// The configuration tree exactly as <c>apache2 -t -D DUMP_CONFIG</c> prints it (mod_info's
    /// <c>mod_info_module_cmds</c>): what httpd keeps after reading, so no EXEC_ON_READ directive
    /// (Include, Define, LoadModule, ServerRoot, IfModule…; their contents are spliced in place),
    /// each node under <c># In file:</c> and <c># line:</c> comments, indented two spaces per level.
    /// </summary>
    public static string ToDumpConfig(ApacheConfiguration config)
    {
        var sb = new StringBuilder();
        string? currentFile = null;
        void FileHeader(string file)
        {
            if (currentFile == file) return;
            sb.Append("# In file: ").Append(file).Append('\n');
            currentFile = file;
        }
        void Emit(IEnumerable<ApacheConfigNode> nodes, int level)
        {
            var pad = new string(' ', level * 2);
            foreach (var node in HttpdTree(nodes))
            {
                FileHeader(node.HttpdFileName);
                sb.Append(pad).Append("# ").Append(node.HttpdLineNumber.ToString().PadLeft(3)).Append(":\n");
                if (node is ApacheConfigSection section)
                {
                    sb.Append(pad).Append('<').Append(section.Name).Append(' ').Append(section.HttpdArguments).Append('\n');
                    var children = HttpdTree(section.Children).ToList();
                    if (children.Count == 0) continue;
                    Emit(section.Children, level + 1);
                    FileHeader(section.HttpdFileName);
                    sb.Append(pad).Append("</").Append(section.Name).Append(">\n");
                }
                else if (node is ApacheConfigDirective directive)
                {
                    sb.Append(pad).Append(directive.Name).Append(' ').Append(directive.ArgumentText).Append('\n');
                }
            }
        }
        Emit(config.Nodes, 0);
        return sb.ToString();
    }

    // The nodes httpd keeps in its tree: EXEC_ON_READ directives and true read-time conditionals are replaced by what they read.
    private static IEnumerable<ApacheConfigNode> HttpdTree(IEnumerable<ApacheConfigNode> nodes)
    {
        foreach (var node in nodes)
        {
            if (!node.IsActive) continue;
            switch (node)
            {
                case ApacheConfigDirective { IsExecutedOnRead: true } d:
                    foreach (var n in HttpdTree(d.Expansion)) yield return n;
                    break;
                case ApacheConfigSection s when s.Condition is not null || s.Kind == ApacheSectionKind.Macro && !s.IsBodyActive || s.Kind.IsReadTimeConditional() && !s.IsBodyActive:
                    if (s.IsBodyActive)
                        foreach (var n in HttpdTree(s.Children)) yield return n;
                    break;
                default:
                    yield return node;
                    break;
            }
        }
    }

    private static bool IsInclude(ApacheConfigDirective d) => d.Is("Include") || d.Is("IncludeOptional");

    /// <summary>The included files as <c>apache2 -t -D DUMP_INCLUDES</c> lists them (the number is the Include line in the parent).</summary>
    public static string IncludesText(ApacheConfiguration config)
    {
        var sb = new StringBuilder("Included configuration files:\n");
        foreach (var file in config.Files)
        {
            sb.Append(new string(' ', (file.Depth + 1) * 2));
            sb.Append(file.IncludedFromHttpdLine is int line ? $"({line})" : "(*)");
            sb.Append(' ').Append(file.HostPath).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The resolved tree as JSON (written with Utf8JsonWriter, no reflection).</summary>
    public static string ToJson(ApacheConfiguration config, bool indented = true)
    {
        using var stream = new MemoryStream();
        WriteJson(config, stream, indented);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void WriteJson(ApacheConfiguration config, Stream stream, bool indented = true)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        w.WriteStartObject();
        w.WriteString("main", config.MainHostPath);
        w.WriteBoolean("htaccess", config.IsHtaccess);
        w.WriteString("serverRoot", config.ServerRoot);
        w.WriteStartArray("modules");
        foreach (var m in config.Modules.Modules)
        {
            w.WriteStartObject();
            w.WriteString("id", m.Identifier);
            w.WriteString("source", m.SourceName);
            w.WriteBoolean("builtIn", m.IsBuiltIn);
            if (m.FilePath is not null) w.WriteString("file", m.FilePath);
            if (m.LoadedAt is not null) { w.WriteString("loadedAt", $"{m.LoadedAt.HostPath}:{m.LoadedAt.Line}"); }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("defines");
        foreach (var d in config.Defines) w.WriteStringValue(d);
        w.WriteEndArray();
        w.WriteStartObject("variables");
        foreach (var (k, v) in config.Variables.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(k, v);
        w.WriteEndObject();
        w.WriteStartArray("files");
        foreach (var f in config.Files)
        {
            w.WriteStartObject();
            w.WriteString("path", f.HostPath);
            w.WriteNumber("depth", f.Depth);
            if (f.IncludedFrom is not null)
            {
                w.WriteString("includedFrom", f.IncludedFrom.HostPath);
                w.WriteNumber("includedFromLine", f.IncludedFrom.Line);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("nodes");
        foreach (var n in config.Nodes) WriteNode(w, config, n);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteNode(Utf8JsonWriter w, ApacheConfiguration config, ApacheConfigNode node)
    {
        w.WriteStartObject();
        w.WriteString("kind", node is ApacheConfigSection ? "section" : "directive");
        w.WriteString("file", node.Source.HostPath);
        w.WriteNumber("line", node.Line.FirstLine);
        if (node.Line.IsContinued) w.WriteNumber("endLine", node.Line.LastLine);
        w.WriteBoolean("active", node.IsActive);
        switch (node)
        {
            case ApacheConfigSection s:
                w.WriteString("name", s.Name);
                WriteArgs(w, s.Arguments);
                if (s.Condition is { } c) w.WriteBoolean("condition", c);
                if (s.ConditionReason is not null) w.WriteString("conditionReason", s.ConditionReason);
                w.WriteBoolean("bodyRead", s.IsBodyActive);
                if (s.CloseLocation is { } close) w.WriteNumber("closeLine", close.Line);
                else w.WriteBoolean("unclosed", true);
                w.WriteStartArray("children");
                foreach (var child in s.Children) WriteNode(w, config, child);
                w.WriteEndArray();
                break;
            case ApacheConfigDirective d:
                w.WriteString("name", d.Name);
                WriteArgs(w, d.Arguments);
                if (d.IsActive && Facts(config, d) is { } facts)
                {
                    // From the directive dictionary: the module defining the name (null = unknown) and the context it stands in.
                    if (facts.Module is null) w.WriteNull("module");
                    else w.WriteString("module", facts.Module);
                    if (facts.Source is not null) w.WriteString("moduleSource", facts.Source);
                    if (facts.Module is not null) w.WriteBoolean("moduleLoaded", facts.Loaded);
                    w.WriteString("context", ApacheDirectiveContext.Key(facts.Context));
                }
                if (d.IsExecutedOnRead) w.WriteBoolean("executedOnRead", true);
                if (d.IncludeChain.Length > 0)
                {
                    w.WriteStartArray("includeChain");
                    foreach (var l in d.IncludeChain) w.WriteStringValue($"{l.HostPath}:{l.Line}");
                    w.WriteEndArray();
                }
                if (d.IncludedFiles.Count > 0)
                {
                    w.WriteStartArray("includedFiles");
                    foreach (var f in d.IncludedFiles) w.WriteStringValue(f.HostPath);
                    w.WriteEndArray();
                }
                if (d.Expansion.Count > 0)
                {
                    w.WriteStartArray("expansion");
                    foreach (var child in d.Expansion) WriteNode(w, config, child);
                    w.WriteEndArray();
                }
                break;
        }
        w.WriteEndObject();
    }

    private static void WriteArgs(Utf8JsonWriter w, IEnumerable<ApacheWord> args)
    {
        w.WriteStartArray("args");
        foreach (var a in args) w.WriteStringValue(a.Value);
        w.WriteEndArray();
    }
}
