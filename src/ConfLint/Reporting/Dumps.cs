using ConfLint.Hosting;

namespace ConfLint.Reporting;

public sealed record DumpOptions(bool Json, bool Raw, bool IncludesOnly);

/// <summary>An input that can print what was read from it (`conflint dump`).</summary>
public interface IDumpable
{
    void WriteDump(TextWriter writer, DumpOptions options);
}

/// <summary>Prints every input of a compilation that knows how to dump itself.</summary>
public static class Dumps
{
    public static void Write(Compilation compilation, DumpOptions options, TextWriter writer)
    {
        foreach (var input in compilation.Inputs.OfType<IDumpable>()) input.WriteDump(writer, options);
    }
}
