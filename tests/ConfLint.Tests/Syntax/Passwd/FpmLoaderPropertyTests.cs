using ConfLint.Hosting;
using ConfLint.Syntax.Ini;
using ConfLint.Text;
using CsCheck;
using Xunit;

namespace ConfLint.Tests.Syntax.Passwd;

public class FpmLoaderPropertyTests
{
    [Fact]
    public void NoInputMakesTheFpmLoaderThrow()
    {
        var pieces = Gen.OneOfConst("[global]\n", "[www]\n", "[", "]", "pm", " = ", "=", "static", "dynamic", "pm.max_children", "1", "-", "0", "\n", "\"", "'", ";",
            "${", "}", "php_value[", "env[", "access.suppress_path[]", "include", "/tmp/*", "$pool", "$prefix", "chroot", "yes", "user", "listen", "|", "~", "(", ")", "\r", "\t");
        var fs = new HostFileSystem(Path.GetTempPath());
        pieces.Array[0, 40].Sample(parts =>
        {
            var text = string.Concat(parts);
            var config = FpmLoader.Load(fs, SourceText.From(text, "/x.conf"), new FpmLoadOptions { CheckDisk = false, Environment = _ => null });
            foreach (var p in config.Problems) Assert.True(p.Location.Span.End <= text.Length);
        }, iter: 5000);
    }
}
