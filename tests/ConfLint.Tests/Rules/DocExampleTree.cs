using ConfLint.Hosting;
using ConfLint.Reporting;

namespace ConfLint.Tests.Rules;

/// <summary>A doc example written out as a host tree in a temporary directory.</summary>
public sealed class DocExampleTree : IDisposable
{
    private DocExampleTree(string root) => Root = root;

    public string Root { get; }

    public static DocExampleTree Write(RuleDocExample example)
    {
        var root = Directory.CreateTempSubdirectory("conflint-doc-").FullName;
        var tree = new DocExampleTree(root);
        foreach (var block in example.Blocks)
        {
            var real = Path.Combine(root, block.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(real)!);
            if (block.IsDirectory) Directory.CreateDirectory(real);
            else if (block.LinkTarget is not null) File.CreateSymbolicLink(real, block.LinkTarget);
            else if (block.Device is not null) MakeDevice(real, block.Device);
            else if (block.CopyFrom is not null) File.Copy(Oracles.Oracle.RequireFile(block.CopyFrom), real, overwrite: true);
            else File.WriteAllBytes(real, block.GetBytes());
            if (block.Owner is not null)
            {
                var ids = block.Owner.Split(':');
                Mono.Unix.Native.Syscall.lchown(real, uint.Parse(ids[0]), ids.Length > 1 ? uint.Parse(ids[1]) : uint.MaxValue);
            }
            if (block.Mode is not null && block.LinkTarget is null && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(real, (UnixFileMode)Convert.ToInt32(block.Mode, 8));
        }
        return tree;
    }

    // device=c:MAJOR:MINOR → mknod (needs root, as the jail rules' own tests do).
    private static void MakeDevice(string real, string spec)
    {
        var parts = spec.Split(':');
        var type = parts[0] == "b" ? Mono.Unix.Native.FilePermissions.S_IFBLK : Mono.Unix.Native.FilePermissions.S_IFCHR;
        var dev = ((ulong)uint.Parse(parts[1]) << 8) | uint.Parse(parts[2]);
        if (Mono.Unix.Native.Syscall.mknod(real, type | Mono.Unix.Native.FilePermissions.S_IRUSR | Mono.Unix.Native.FilePermissions.S_IWUSR, dev) != 0)
            throw new InvalidOperationException($"mknod {real} failed: {Mono.Unix.Native.Stdlib.GetLastError()} (device nodes need root)");
    }

    /// <summary>
    /// The request the CLI would build for `conflint --root TREE [options] TREE/input…`.
    /// Unknown options throw: an example is never linted with an option silently dropped.
    /// </summary>
    public LintRequest Request(RuleDocExample example)
    {
        var modules = new List<string>();
        var defines = new List<string>();
        var kind = InputKind.Auto;
        string? serverRoot = null;
        bool noDisk = false;
        var words = example.Options;
        for (int i = 0; i < words.Count; i++)
        {
            string Value() => i + 1 < words.Count ? words[++i] : throw new ArgumentException($"option {words[i]} needs a value");
            switch (words[i])
            {
                case "--module": modules.Add(Value()); break;
                case "--define": defines.Add(Value()); break;
                case "--server-root": serverRoot = Value(); break;
                case "--no-disk": noDisk = true; break;
                case "--kind": kind = LintRunner.ParseKind(Value()) ?? throw new ArgumentException($"unknown --kind '{words[i]}'"); break;
                default: throw new ArgumentException($"unknown option '{words[i]}' in `Options:` (docs/rule-docs.md lists the accepted ones)");
            }
        }
        return new LintRequest
        {
            Root = Root,
            Paths = example.Inputs.Select(p => Path.Combine(Root, p)).ToList(),
            Modules = modules,
            Defines = defines,
            Kind = kind,
            ServerRoot = serverRoot,
            NoDisk = noDisk,
        };
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
