namespace ConfLint.Jail;

/// <summary>What lstat(2) says about one path inside a jail (symlinks are not followed).</summary>
public enum JailFileKind
{
    Missing,
    File,
    Directory,
    Symlink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
}

/// <summary>
/// One path as lstat(2) sees it: kind, owner, group, permission bits (including setuid, setgid,
/// sticky), link count and, for a symlink, its target. An entry found by walking a jail knows the
/// jail's root and its path inside the jail: a walk holds every entry of every jail until the jail
/// rules ran, so an entry keeps no text of its own (the in-jail paths repeat from jail to jail and are
/// shared) and its host path is made when asked for.
/// </summary>
/// <param name="JailRoot">The host path of the jail the entry was found in ("/" for a path looked at on its own).</param>
/// <param name="PathInJail">The path inside that jail, "/" for the jail root itself.</param>
public sealed record JailFileInfo(string JailRoot, string PathInJail, JailFileKind Kind, long Uid, long Gid, int Mode, long LinkCount, string? LinkTarget)
{
    public const int SetUid = 0x800;   // S_ISUID 04000
    public const int SetGid = 0x400;   // S_ISGID 02000
    public const int Sticky = 0x200;   // S_ISVTX 01000
    public const int GroupWrite = 0x10; // S_IWGRP 020
    public const int OtherWrite = 0x2;  // S_IWOTH 02
    public const int UserExecute = 0x40; // S_IXUSR 0100

    /// <summary>The path the host names.</summary>
    public string HostPath => JailRoot == "/" ? PathInJail : PathInJail == "/" ? JailRoot : string.Concat(JailRoot, PathInJail);

    public bool Exists => Kind != JailFileKind.Missing;

    public bool IsSetUid => (Mode & SetUid) != 0;

    public bool IsSetGid => (Mode & SetGid) != 0;

    public bool IsGroupOrOtherWritable => (Mode & (GroupWrite | OtherWrite)) != 0;

    public bool IsSticky => (Mode & Sticky) != 0;

    /// <summary>Permission bits as octal text, e.g. "4755" or "1777".</summary>
    public string OctalMode => Convert.ToString(Mode & 0xFFF, 8).PadLeft(4, '0');

    /// <summary>Nothing at that path.</summary>
    public static JailFileInfo Missing(string jailRoot, string pathInJail) => new(jailRoot, pathInJail, JailFileKind.Missing, -1, -1, 0, 0, null);
}
