using ConfLint.Syntax.Passwd;
using ConfLint.Text;

namespace ConfLint.Hosting;

/// <summary>Reads /etc/passwd (or a copy) into a <see cref="PasswdFile"/> for the hosting model and the rules.</summary>
public sealed class PasswdFrontEnd : IFrontEnd
{
    public InputKind Kind => InputKind.Passwd;

    public int Recognize(string hostPath, SourceText text)
    {
        var name = Path.GetFileName(hostPath);
        if (name is "passwd" or "passwd-") return 2;
        return ColonTable.LooksLike(text, separators: 6, idField: 2) ? 1 : 0;
    }

    public void Load(Compilation compilation, string hostPath, LintRequest request)
    {
        var text = compilation.FileSystem.ReadText(hostPath, compilation.Diagnostics);
        if (text is null) return;
        compilation.AddSource(text);
        compilation.AddInput(PasswdFile.Parse(text));
    }
}

/// <summary>Reads /etc/group (or a copy) into a <see cref="GroupFile"/>.</summary>
public sealed class GroupFrontEnd : IFrontEnd
{
    public InputKind Kind => InputKind.Group;

    public int Recognize(string hostPath, SourceText text)
    {
        var name = Path.GetFileName(hostPath);
        if (name is "group" or "group-") return 2;
        return ColonTable.LooksLike(text, separators: 3, idField: 2) ? 1 : 0;
    }

    public void Load(Compilation compilation, string hostPath, LintRequest request)
    {
        var text = compilation.FileSystem.ReadText(hostPath, compilation.Diagnostics);
        if (text is null) return;
        compilation.AddSource(text);
        compilation.AddInput(GroupFile.Parse(text));
    }
}

/// <summary>Content recognition of passwd/group: every non-comment line has the colon count and a numeric ID field.</summary>
internal static class ColonTable
{
    public static bool LooksLike(SourceText text, int separators, int idField)
    {
        int lines = 0;
        for (int line = 1; line <= text.LineCount; line++)
        {
            var t = text.GetLineText(line).Trim();
            if (t.Length == 0 || t[0] == '#') continue;
            var parts = t.Split(':');
            if (parts.Length != separators + 1) return false;
            if (parts[idField].Length == 0 || !parts[idField].All(char.IsAsciiDigit)) return false;
            lines++;
        }
        return lines > 0;
    }
}
