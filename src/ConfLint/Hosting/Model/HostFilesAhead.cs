using ConfLint.Analyzers;
using ConfLint.Syntax.Passwd;

namespace ConfLint.Hosting.Model;

/// <summary>
/// The host files every model reads besides the Apache configuration (/etc/passwd, /etc/group and PHP-FPM's
/// configuration), read on another thread while the Apache configuration is read. Each is read into a staging
/// compilation of its own, which the model joins where it would have read the file itself: the compilation is the
/// same as if the files had been read in turn. A file the model does not need (an input named on the command line
/// wins) is dropped unread by anyone.
/// </summary>
public sealed class HostFilesAhead
{
    /// <summary>What was read: each file's staging compilation (empty when the file is not there; no PHP-FPM one when none was found).</summary>
    internal sealed record Staged(Compilation Passwd, Compilation Group, Compilation? Fpm);

    private readonly Task<Staged> _reading;

    private HostFilesAhead(Task<Staged> reading) => _reading = reading;

    /// <param name="readFpm">False when the PHP-FPM configuration is named on the command line: the candidates are not read then.</param>
    public static HostFilesAhead Start(HostFileSystem fileSystem, AnalysisOptions options, HostingOptions hosting, LintRequest request, bool readFpm) =>
        new(Task.Run(() =>
        {
            var passwd = Read(fileSystem, options, InputKind.Passwd, HostModelBuilder.PasswdPath, request);
            var group = Read(fileSystem, options, InputKind.Group, HostModelBuilder.GroupPath, request);
            var fpmMain = readFpm ? hosting.FpmConfigCandidates.FirstOrDefault(fileSystem.FileExists) : null;
            Compilation? fpm = null;
            if (fpmMain is not null)
            {
                // The pools' users are checked against the passwd and group read here, as the model joins them first.
                fpm = new Compilation(fileSystem, options);
                new FpmFrontEnd().Load(fpm, fpmMain, request, passwd.InputsOf<PasswdFile>().FirstOrDefault(), group.InputsOf<GroupFile>().FirstOrDefault());
            }
            return new Staged(passwd, group, fpm);
        }));

    private static Compilation Read(HostFileSystem fileSystem, AnalysisOptions options, InputKind kind, string hostPath, LintRequest request)
    {
        var staged = new Compilation(fileSystem, options);
        if (fileSystem.FileExists(hostPath)) FrontEnds.For(kind)?.Load(staged, hostPath, request);
        return staged;
    }

    /// <summary>Waits for the files; a failure of the reading thread is raised here.</summary>
    internal Staged Take() => _reading.GetAwaiter().GetResult();
}
