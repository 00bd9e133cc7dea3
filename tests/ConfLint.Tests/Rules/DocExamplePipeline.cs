using ConfLint.Analyzers;
using ConfLint.Diagnostics;
using ConfLint.Hosting;

namespace ConfLint.Tests.Rules;

/// <summary>
/// The one place where the doc-example tests call the lint pipeline. It reads the named inputs
/// the way every front end does (HostFileSystem.ReadText: CL0001/CL0002), hands each to the front
/// end that recognises it, and analyzes. When ConfLint.Hosting.LintRunner lands, <see cref="Run"/>
/// becomes a call to LintRunner.Run(request) and nothing else in the doc tests changes.
/// </summary>
public static class DocExamplePipeline
{
    public static IReadOnlyList<Diagnostic> Run(LintRequest request)
    {
        var fileSystem = new HostFileSystem(request.Root ?? "/");
        var compilation = new Compilation(fileSystem, new AnalysisOptions { NoDisk = request.NoDisk });
        foreach (var path in request.Paths)
        {
            var hostPath = fileSystem.ToHostPath(path) ?? path;
            var text = fileSystem.ReadText(hostPath, compilation.Diagnostics);
            if (text is null) continue;
            compilation.AddSource(text);
            var frontEnd = request.Kind != InputKind.Auto
                ? FrontEnds.For(request.Kind)
                : FrontEnds.All
                    .Select(f => (FrontEnd: f, Score: f.Recognize(hostPath, text)))
                    .Where(p => p.Score > 0)
                    .OrderByDescending(p => p.Score)
                    .Select(p => p.FrontEnd)
                    .FirstOrDefault();
            frontEnd?.Load(compilation, hostPath, request);
        }
        return compilation.Analyze();
    }
}
