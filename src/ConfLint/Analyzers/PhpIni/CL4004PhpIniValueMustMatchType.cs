using ConfLint.Diagnostics;
using ConfLint.Syntax.Ini;

namespace ConfLint.Analyzers.PhpIni;

/// <summary>
/// A value PHP's on-modify handler cannot read: a boolean such as `O` (read as Off), a size or
/// number that is not a quantity, a value outside an enumeration.
/// </summary>
public sealed class CL4004PhpIniValueMustMatchType : Analyzer<PhpIniFile>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL4004",
        "Invalid value for the directive's type",
        "invalid value for {0} ({1}): {2}",
        "PhpIni",
        Severity.Error,
        "PHP reads booleans with zend_ini_parse_bool (anything but On/Yes/True is atoi), numbers and sizes with zend_ini_parse_quantity (warns and falls back to a truncated number) and enumerations by exact word: a typo silently gives a different setting.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(PhpIniFile input, AnalysisContext context)
    {
        foreach (var entry in input.Settings)
        {
            if (entry.Offset is not null || entry.Value is not { } value) continue;
            if (value.Variables.Length > 0) continue;
            if (PhpDirectives.Find(entry.Key) is not { } directive || directive.IsRemoved) continue;
            var problem = PhpValueValidator.Validate(directive, value.Text);
            if (problem is null && value.Form == IniValueForm.Expression && directive.Type is PhpDirectiveType.Int or PhpDirectiveType.Size)
            {
                // In `E_ALL & ~E_NOTCE` an unknown name is not an error to PHP: the operator takes atoi("E_NOTCE") = 0.
                if (value.Constants.FirstOrDefault(c => !c.Known) is { } unknown)
                {
                    context.Report(Diagnostic.Create(Rule, input.Document.GetLocation(unknown.Span), entry.Key, TypeName(directive),
                        $"'{unknown.Name}' is not a PHP constant: the expression reads it as 0"));
                }
                continue;
            }
            if (problem is null) continue;
            var span = value.Span.Length > 0 ? value.Span : entry.KeySpan;
            context.Report(Diagnostic.Create(Rule, input.Document.GetLocation(span), entry.Key, TypeName(directive), problem));
        }
    }

    public static string TypeName(PhpDirective d) => d.Type switch
    {
        PhpDirectiveType.Bool => "boolean",
        PhpDirectiveType.Int => "integer",
        PhpDirectiveType.Size => "size",
        PhpDirectiveType.Enum => "enumeration",
        PhpDirectiveType.Path => "path",
        PhpDirectiveType.PathList => "path list",
        _ => "string",
    };
}
