using System.Text.RegularExpressions;
using ConfLint.Syntax.Shell;
using ConfLint.Text;

namespace ConfLint.Hosting;

/// <summary>
/// Reads a php-wrapper script (the shell script suexec or a FastCGI process manager starts,
/// which sets PHP's environment and execs php-cgi) into a <see cref="WrapperModel"/>. Unless
/// --no-disk, the file's mode is read too (CL6002: the kernel needs an execute bit).
/// </summary>
public sealed partial class WrapperFrontEnd : IFrontEnd
{
    public InputKind Kind => InputKind.Wrapper;

    [GeneratedRegex(@"(^|[;\s])exec\s+(\S*/)?php[^\s/]*", RegexOptions.CultureInvariant)]
    private static partial Regex ExecOfPhp();

    public int Recognize(string hostPath, SourceText text)
    {
        var name = Path.GetFileName(hostPath);
        bool isScript = text.Text.StartsWith("#!", StringComparison.Ordinal);
        if (name.Contains("php", StringComparison.OrdinalIgnoreCase) && name.EndsWith("-wrapper", StringComparison.Ordinal)) return 2;
        if (name.EndsWith(".fcgi", StringComparison.Ordinal) && isScript) return 2;
        if (name is "php-fcgi-starter" or "php-fcgi" && isScript) return 2;
        if (isScript && ExecOfPhp().IsMatch(text.Text)) return 1;
        return 0;
    }

    public void Load(Compilation compilation, string hostPath, LintRequest request) => Load(compilation, hostPath, request, skipPrograms: false);

    // Hosts give every site the same php-wrapper (the FAQ's, or a control panel's template): a script text is parsed, and
    // its model built, once; each file gets the model over its own source and mode (the syntax and what the model makes
    // of it hold positions, not a file, and the model depends on nothing but the script).
    private static readonly ParsedTexts<WrapperModel> ParsedScripts = new(maxEntries: 4096, maxTextLength: 1 << 20);

    private static WrapperModel Model(SourceText text, int? mode) =>
        ParsedScripts.GetOrParse(text.Text, () => WrapperModel.Build(ShellParser.Parse(text), inherited: null)).For(text, mode);

    /// <param name="skipPrograms">A wrapper the model found may be a compiled program (an ELF binary): then nothing is read or reported.</param>
    /// <returns>Whether the file is such a program.</returns>
    internal bool Load(Compilation compilation, string hostPath, LintRequest request, bool skipPrograms)
    {
        bool isProgram = false;
        var text = skipPrograms
            ? compilation.FileSystem.ReadScript(hostPath, compilation.Diagnostics, out var permissions, out isProgram)
            : compilation.FileSystem.ReadText(hostPath, compilation.Diagnostics, out permissions);
        if (text is null) return isProgram;
        compilation.AddSource(text);
        int? mode = request.NoDisk ? null : permissions;
        if (!request.NoDisk && mode is null)
        {
            try
            {
                var real = compilation.FileSystem.ToRealPath(hostPath);
                if (!OperatingSystem.IsWindows() && File.Exists(real)) mode = (int)File.GetUnixFileMode(real);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                mode = null;
            }
        }
        compilation.AddInput(Model(text, mode));
        return false;
    }
}
