using System.Collections.Immutable;

namespace ConfLint.Syntax.Apache;

/// <summary>
/// The context a directive stands in, as httpd's cmd_parms sees it: the innermost section that
/// changes what is allowed (&lt;Limit&gt;, &lt;If&gt;, &lt;Files&gt;, &lt;Location&gt;, &lt;Directory&gt;,
/// &lt;Proxy&gt;, &lt;VirtualHost&gt;), else the server config or the .htaccess file. Conditionals
/// (&lt;IfModule&gt;, &lt;IfDefine&gt;…) and &lt;RequireAll&gt;-style groups do not change it.
/// </summary>
public static class ApacheDirectiveContext
{
    public static DirectiveContexts Of(ImmutableArray<ApacheConfigSection> sections, bool inHtaccess)
    {
        for (var i = sections.Length - 1; i >= 0; i--)
        {
            var kind = Of(sections[i].Kind);
            if (kind != DirectiveContexts.None) return kind;
        }
        return inHtaccess ? DirectiveContexts.Htaccess : DirectiveContexts.Server;
    }

    /// <summary>The context a section kind opens, None for sections that do not change it.</summary>
    public static DirectiveContexts Of(ApacheSectionKind kind) => kind switch
    {
        ApacheSectionKind.Limit or ApacheSectionKind.LimitExcept => DirectiveContexts.Limit,
        ApacheSectionKind.If or ApacheSectionKind.ElseIf or ApacheSectionKind.Else => DirectiveContexts.If,
        ApacheSectionKind.Files or ApacheSectionKind.FilesMatch => DirectiveContexts.Files,
        ApacheSectionKind.Location or ApacheSectionKind.LocationMatch => DirectiveContexts.Location,
        ApacheSectionKind.Directory or ApacheSectionKind.DirectoryMatch => DirectiveContexts.Directory,
        ApacheSectionKind.Proxy or ApacheSectionKind.ProxyMatch => DirectiveContexts.Proxy,
        ApacheSectionKind.VirtualHost => DirectiveContexts.VirtualHost,
        _ => DirectiveContexts.None,
    };

    /// <summary>
    /// Sections whose body httpd does not read as ordinary directives of the enclosing context
    /// (mod_authn_core/mod_authz_core provider aliases, mod_md's domain sections); ConfLint does
    /// not judge contexts inside them.
    /// </summary>
    public static bool HasOwnContext(ImmutableArray<ApacheConfigSection> sections)
    {
        foreach (var s in sections)
        {
            if (s.Kind is ApacheSectionKind.AuthnProviderAlias or ApacheSectionKind.AuthzProviderAlias
                || s.Name.StartsWith("MDomain", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>The context in words: "server config", "&lt;VirtualHost&gt;", "&lt;Directory&gt;", ".htaccess"…</summary>
    public static string Describe(DirectiveContexts context) => context switch
    {
        DirectiveContexts.Server => "server config",
        DirectiveContexts.VirtualHost => "<VirtualHost>",
        DirectiveContexts.Directory => "<Directory>",
        DirectiveContexts.Location => "<Location>",
        DirectiveContexts.Files => "<Files>",
        DirectiveContexts.If => "<If>",
        DirectiveContexts.Proxy => "<Proxy>",
        DirectiveContexts.Limit => "<Limit>",
        DirectiveContexts.Htaccess => ".htaccess",
        _ => context.ToString(),
    };

    /// <summary>The short name the dump uses: server, virtualhost, directory, location, files, if, proxy, limit, htaccess.</summary>
    public static string Key(DirectiveContexts context) => context.ToString().ToLowerInvariant();
}
