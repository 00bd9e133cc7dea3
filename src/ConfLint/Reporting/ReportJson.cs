using System.Text.Encodings.Web;
using System.Text.Json;

namespace ConfLint.Reporting;

/// <summary>
/// Serializer options shared by the JSON writers: the source-generated contexts with an encoder
/// that writes non-ASCII text, quotes and backticks as they are (the default escapes them for HTML
/// embedding, which no report is), while control characters are still escaped.
/// </summary>
internal static class ReportJson
{
    public static JsonSerializerOptions Relaxed(JsonSerializerOptions generated) =>
        new(generated) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
