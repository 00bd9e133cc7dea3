using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;

namespace ConfLint.Syntax.Ini;

/// <summary>
/// The PHP array parse_ini_string/parse_ini_file return, built with the same callbacks
/// (ext/standard/basic_functions.c php_simple_ini_parser_cb and php_ini_parser_cb_with_sections)
/// and PHP's hash-table rules: numeric string keys become integer keys (zend_symtable_update),
/// `key[]` appends at the next free integer index, updating an existing key keeps its position.
/// Values are strings or nested arrays.
/// </summary>
public sealed class IniPhpArray
{
    private readonly List<KeyValuePair<object, object>> _items = new();
    private readonly Dictionary<object, int> _index = new();
    private long _nextFree = long.MinValue;

    public IReadOnlyList<KeyValuePair<object, object>> Items => _items;

    public int Count => _items.Count;

    /// <summary>The value of a key (string or long), or null.</summary>
    public object? this[object key] => _index.TryGetValue(Normalize(key), out var i) ? _items[i].Value : null;

    private static object Normalize(object key) => key is int i ? (long)i : key;

    /// <summary>ZEND_HANDLE_NUMERIC_STR: "0", "-5", "42" (no leading zeros, no "+", no "-0", within zend_long) are integer keys.</summary>
    public static object SymtableKey(string key)
    {
        if (key.Length == 0 || key.Length > 20) return key;
        int i = 0;
        if (key[0] == '-') { i = 1; if (key.Length == 1) return key; }
        if (key[i] == '0' && (key.Length - i > 1 || i == 1)) return key;
        for (int j = i; j < key.Length; j++) if (key[j] is < '0' or > '9') return key;
        return long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : key;
    }

    public void Set(object key, object value)
    {
        key = Normalize(key);
        if (_index.TryGetValue(key, out var i))
        {
            _items[i] = new KeyValuePair<object, object>(key, value);
        }
        else
        {
            _index[key] = _items.Count;
            _items.Add(new KeyValuePair<object, object>(key, value));
        }
        if (key is long l && l >= _nextFree) _nextFree = l < long.MaxValue ? l + 1 : long.MaxValue;
    }

    /// <summary>
    /// zend_hash_next_index_insert: adds at the next free index; when that index is taken (after a
    /// key of PHP_INT_MAX) nothing is added.
    /// </summary>
    public void Append(object value)
    {
        long key = _nextFree == long.MinValue ? 0L : _nextFree;
        if (_index.ContainsKey(key)) return;
        Set(key, value);
    }

    /// <summary>True when json_encode would write a JSON list: keys are exactly 0, 1, 2, … in order (or the array is empty).</summary>
    public bool IsList
    {
        get
        {
            for (int i = 0; i < _items.Count; i++)
                if (_items[i].Key is not long l || l != i) return false;
            return true;
        }
    }

    /// <summary>The result of parse_ini_string(text, processSections, mode) for a document, or null where PHP returns false (syntax error).</summary>
    public static IniPhpArray? FromDocument(IniDocument document, bool processSections = true)
    {
        if (document.Error is not null) return null;
        var root = new IniPhpArray();
        IniPhpArray? activeSection = null;
        foreach (var statement in document.Statements)
        {
            if (statement is IniSection section)
            {
                if (!processSections) continue;
                activeSection = new IniPhpArray();
                root.Set(SymtableKey(section.Name), activeSection);
                continue;
            }
            if (statement is not IniEntry entry || entry.Value is null) continue;
            var target = activeSection ?? root;
            if (entry.Offset is null)
            {
                target.Set(SymtableKey(entry.Key), entry.Value.Text);
                continue;
            }
            // ZEND_INI_PARSER_POP_ENTRY
            object arrayKey = IsLongKey(entry.Key, out var l) ? l : entry.Key;
            if (target[arrayKey] is not IniPhpArray array)
            {
                array = new IniPhpArray();
                target.Set(arrayKey, array);
            }
            if (entry.Offset.Length == 0) array.Append(entry.Value.Text);
            else array.Set(SymtableKey(entry.Offset), entry.Value.Text);
        }
        return root;
    }

    // !(len > 1 && key[0] == '0') && is_numeric_string(key) == IS_LONG, then ZEND_STRTOL.
    private static bool IsLongKey(string key, out long value)
    {
        value = 0;
        if (key.Length > 1 && key[0] == '0') return false;
        var s = key.Trim(' ', '\t', '\n', '\r', '\v', '\f');
        if (s.Length == 0) return false;
        int i = 0;
        if (s[0] is '+' or '-') i++;
        if (i >= s.Length) return false;
        for (int j = i; j < s.Length; j++) if (s[j] is < '0' or > '9') return false;
        if (!long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return false;
        return true;
    }

    /// <summary>Writes the array as PHP's json_encode writes it (a list when keys are 0…n-1, an object otherwise).</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        if (IsList)
        {
            writer.WriteStartArray();
            foreach (var item in _items) WriteValue(writer, item.Value);
            writer.WriteEndArray();
            return;
        }
        writer.WriteStartObject();
        foreach (var item in _items)
        {
            writer.WritePropertyName(item.Key is long l ? l.ToString(CultureInfo.InvariantCulture) : (string)item.Key);
            WriteValue(writer, item.Value);
        }
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        if (value is IniPhpArray nested) nested.WriteJson(writer);
        else writer.WriteStringValue((string)value);
    }
}

/// <summary>`conflint dump FILE --format json` for INI files: the JSON of PHP's json_encode(parse_ini_file(FILE, true, mode)).</summary>
public static class IniDump
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>The JSON value PHP prints: the array, or `false` when PHP's parser stopped on a syntax error.</summary>
    public static string ToJson(IniDocument document, bool processSections = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions)) WriteJson(writer, document, processSections);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void WriteJson(Utf8JsonWriter writer, IniDocument document, bool processSections = true)
    {
        var array = IniPhpArray.FromDocument(document, processSections);
        if (array is null) writer.WriteBooleanValue(false);
        else array.WriteJson(writer);
    }

    /// <summary>Reads a file and dumps it; <paramref name="raw"/> selects INI_SCANNER_RAW.</summary>
    public static string DumpFile(string path, bool raw = false)
    {
        var text = ConfLint.Text.SourceText.From(File.ReadAllBytes(path), path);
        var document = IniDocument.Parse(text, raw ? IniParseOptions.RawMode : IniParseOptions.Default);
        return ToJson(document);
    }
}
