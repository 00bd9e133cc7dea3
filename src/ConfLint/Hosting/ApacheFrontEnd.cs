using System.Text.RegularExpressions;
using ConfLint.Syntax.Apache;
using ConfLint.Text;

namespace ConfLint.Hosting;

/// <summary>
/// The Apache httpd front end: reads a main configuration (apache2.conf, httpd.conf, a vhost
/// file) with everything it includes, or a standalone .htaccess, into an
/// <see cref="ApacheConfiguration"/> for the analyzers.
/// </summary>
public sealed partial class ApacheFrontEnd : IFrontEnd
{
    public ApacheFrontEnd(InputKind kind = InputKind.Apache)
    {
        if (kind is not (InputKind.Apache or InputKind.Htaccess)) throw new ArgumentOutOfRangeException(nameof(kind));
        Kind = kind;
    }

    public InputKind Kind { get; }

    /// <summary>Injected by the directive dictionary: is a directive known (for &lt;IfDirective&gt;)?</summary>
    public static Func<string, ApacheModuleSet, bool>? IsKnownDirective { get; set; } = ApacheDirectiveDictionary.IsKnownDirective;

    /// <summary>Injected by the directive dictionary: is a section known (for &lt;IfSection&gt;)?</summary>
    public static Func<string, ApacheModuleSet, bool>? IsKnownSection { get; set; } = ApacheDirectiveDictionary.IsKnownSection;

    [GeneratedRegex(@"^[ \t]*(<VirtualHost|<Directory|<Location|<Files|<IfModule|<IfDefine|ServerRoot\s|LoadModule\s|ServerName\s|DocumentRoot\s|Include(Optional)?\s|Listen\s)", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApacheContent();

    public int Recognize(string hostPath, SourceText text)
    {
        var name = Path.GetFileName(hostPath);
        var dirs = hostPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        bool isHtaccess = name.Equals(".htaccess", StringComparison.Ordinal) || name.EndsWith(".htaccess", StringComparison.Ordinal);
        if (Kind == InputKind.Htaccess)
        {
            if (isHtaccess) return 2;
            return 0;
        }
        if (isHtaccess) return 0;
        if (name is "apache2.conf" or "httpd.conf" or "ports.conf") return 2;
        bool inApacheDir = dirs.Any(d => d.StartsWith("apache", StringComparison.Ordinal) || d.StartsWith("httpd", StringComparison.Ordinal));
        bool inDebianDir = dirs.Any(d => d.StartsWith("sites-", StringComparison.Ordinal) || d.StartsWith("mods-", StringComparison.Ordinal) || d.StartsWith("conf-", StringComparison.Ordinal) || d is "conf.d" or "conf.modules.d" or "vhosts.d");
        if ((inApacheDir || inDebianDir) && (name.EndsWith(".conf", StringComparison.Ordinal) || name.EndsWith(".load", StringComparison.Ordinal))) return 2;
        if (ApacheContent().IsMatch(text.Text)) return 1;
        return 0;
    }

    public void Load(Compilation compilation, string hostPath, LintRequest request)
    {
        var options = ApacheLoadOptions.FromRequest(request, Kind == InputKind.Htaccess) with
        {
            IsKnownDirective = IsKnownDirective,
            IsKnownSection = IsKnownSection,
        };
        var config = ApacheLoader.Load(compilation.FileSystem, hostPath, options);
        foreach (var file in config.Files) compilation.AddSource(file.Text);
        compilation.Diagnostics.AddRange(config.Diagnostics);
        if (config.Files.Count > 0) compilation.AddInput(config);
    }
}
