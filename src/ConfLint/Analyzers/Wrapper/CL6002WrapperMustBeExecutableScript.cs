using ConfLint.Diagnostics;
using ConfLint.Syntax.Shell;
using ConfLint.Text;

namespace ConfLint.Analyzers.Wrapper;

/// <summary>The wrapper has no `#!` line, or its file has no execute bit.</summary>
public sealed class CL6002WrapperMustBeExecutableScript : Analyzer<WrapperModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL6002",
        "Wrapper has no #! line or is not executable",
        "{0}",
        "Wrapper",
        Severity.Error,
        "The process manager starts the wrapper with execve(2). Without a `#!` first line the kernel refuses it (ENOEXEC: 'Exec format error'); without the owner's execute bit execve fails with EACCES and suexec exits with 121 ('file is not executable'). PHP never starts and every request ends in a 500.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(WrapperModel input, AnalysisContext context)
    {
        if (input.Script.Shebang is null)
        {
            var firstLine = input.Source.LineCount > 0 ? input.Source.GetLineLocation(1) : Location.ForFile(input.Source.Path, input.HostPath);
            context.Report(Diagnostic.Create(Rule, firstLine,
                $"'{input.HostPath}' has no '#!' first line: execve(2) fails with 'Exec format error' and PHP never starts; add '#!/bin/sh'"));
        }
        else if (input.Script.Shebang is { } shebang && (shebang.Interpreter.Contains('\r') || shebang.Interpreter.Length == 0))
        {
            var what = shebang.Interpreter.Length == 0 ? "names no interpreter" : $"names '{shebang.Interpreter.Replace("\r", "^M")}' (DOS line ending)";
            context.Report(Diagnostic.Create(Rule, input.GetLocation(shebang.Span),
                $"the '#!' line {what}: execve(2) fails with 'bad interpreter: No such file or directory'; save the file with Unix line endings"));
        }
        if (!context.Options.NoDisk && input.UnixMode is int mode && (mode & 0x40) == 0)
        {
            var at = input.Script.Shebang is { } s ? input.GetLocation(s.Span) : Location.ForFile(input.Source.Path, input.HostPath);
            context.Report(Diagnostic.Create(Rule, at,
                $"'{input.HostPath}' has mode {System.Convert.ToString(mode & 0xFFF, 8).PadLeft(4, '0')}: the owner cannot execute it, so execve(2) fails (suexec exit 121); chmod 0755 it"));
        }
    }
}
