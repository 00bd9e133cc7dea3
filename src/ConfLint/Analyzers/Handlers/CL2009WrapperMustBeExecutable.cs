using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Hosting.Model;
using ConfLint.Text;

namespace ConfLint.Analyzers.Handlers;

/// <summary>The FastCGI wrapper, FcgidWrapper program or Action target does not exist or is not executable.</summary>
public sealed class CL2009WrapperMustBeExecutable : Analyzer<HostModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL2009",
        "FastCGI wrapper does not exist or is not executable",
        "{0} '{1}' {2}: no PHP process can be started",
        "Handlers",
        Severity.Error,
        "mod_fastcgi's FastCgiWrapper, mod_fcgid's FcgidWrapper program and the Action target the process manager starts must exist and be executable (relative paths resolve against ServerRoot). `FcgidWrapper … virtual` skips only the check of the requested file, not of the wrapper itself.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(HostModel model, AnalysisContext context)
    {
        if (context.Options.NoDisk) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (model.FastCgiWrapper is { } fw && fw.Value.StartsWith('/'))
            Check("FastCgiWrapper", fw.Value, fw.Location, null);
        foreach (var backend in model.Backends)
        {
            if (backend.WrapperHostPath is not { } wrapper) continue;
            // The wrapper's front end saw its mode when it read it.
            var knownMode = backend.Wrapper is { UnixMode: { } mode } read && read.HostPath == wrapper.Value ? mode : (int?)null;
            Check(backend.Kind == PhpBackendKind.ModFcgid ? "FcgidWrapper program" : "the Action target", wrapper.Value, wrapper.Location, knownMode);
        }

        void Check(string what, string hostPath, Location at, int? knownMode)
        {
            if (!seen.Add(hostPath)) return;
            var problem = Problem(model.FileSystem, hostPath, knownMode);
            if (problem is not null) context.Report(Diagnostic.Create(Rule, at, what, hostPath, problem));
        }
    }

    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private static string? Problem(HostFileSystem fs, string hostPath, int? knownMode)
    {
        if (fs.DirectoryExists(hostPath)) return "is a directory";
        if (!fs.FileExists(hostPath)) return "does not exist";
        if (knownMode is { } known) return ((UnixFileMode)known & AnyExecute) == 0 ? "is not executable (no x bit)" : null;
        try
        {
            var mode = File.GetUnixFileMode(fs.ToRealPath(hostPath));
            if ((mode & AnyExecute) == 0) return "is not executable (no x bit)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "cannot be read";
        }
        return null;
    }
}
