using ConfLint.Text;

namespace ConfLint.Hosting;

/// <summary>
/// A front end reads one kind of file (and what it leads to: Includes, php.ini of a wrapper…)
/// into syntax trees and models, adds them to the compilation as inputs for the analyzers, and
/// reports what it finds while reading (CL0001, CL0002, syntax errors) into compilation.Diagnostics.
/// </summary>
public interface IFrontEnd
{
    InputKind Kind { get; }

    /// <summary>
    /// How sure this front end is that a file is of its kind, from its host path and text:
    /// 0 = not mine, 1 = by content only, 2 = by name. The highest wins.
    /// </summary>
    int Recognize(string hostPath, SourceText text);

    /// <summary>Reads the file at <paramref name="hostPath"/> (a host path under compilation.FileSystem).</summary>
    void Load(Compilation compilation, string hostPath, LintRequest request);
}
