namespace ConfLint.Syntax.Apache;

/// <summary>What the handler form checks need beyond the words: where the directive stands and what is loaded.</summary>
public readonly record struct ApacheFormContext(DirectiveContexts Context, bool InRequireGroup, Func<string, bool> IsModuleLoaded, IReadOnlySet<string> AuthzAliases)
{
    public static ApacheFormContext Default { get; } = new(DirectiveContexts.Server, false, _ => true, new HashSet<string>());
}

/// <summary>
/// Argument forms that httpd's handlers reject after invoke_cmd() counted the words, mirrored for
/// the directives a hosting configuration uses most; each message is httpd's own. Directives not
/// listed here are checked for their count only.
/// </summary>
public static class ApacheHandlerForms
{
    private static readonly string[] OptionNames =
        { "Indexes", "Includes", "IncludesNOEXEC", "RunScripts", "FollowSymLinks", "SymLinksIfOwnerMatch", "ExecCGI", "MultiViews", "All", "None" };

    private static readonly string[] OverrideNames = { "AuthConfig", "FileInfo", "Indexes", "Limit", "Options", "All", "None" };

    private static readonly string[] LogLevels =
        { "emerg", "alert", "crit", "error", "warn", "notice", "info", "debug", "trace1", "trace2", "trace3", "trace4", "trace5", "trace6", "trace7", "trace8" };

    private static readonly string[] IndexOptionFlags =
    {
        "FancyIndexing", "FoldersFirst", "HTMLTable", "IconsAreLinks", "IgnoreCase", "IgnoreClient", "ScanHTMLTitles", "ShowForbidden",
        "SuppressColumnSorting", "SuppressDescription", "SuppressHTMLPreamble", "SuppressIcon", "SuppressLastModified", "SuppressRules",
        "SuppressSize", "TrackModified", "VersionSort", "XHTML", "UseOldDateFormat", "AddAltClass", "IconHeight", "IconWidth", "None",
    };

    private static readonly string[] IndexOptionValues = { "Charset", "DescriptionWidth", "IconHeight", "IconWidth", "NameWidth", "Type" };

    /// <summary>Authorization providers (Require's first word) and the module that registers each.</summary>
    private static readonly Dictionary<string, string> AuthzProviders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["all"] = "authz_core_module", ["env"] = "authz_core_module", ["ip"] = "authz_host_module", ["host"] = "authz_host_module",
        ["local"] = "authz_host_module", ["forward-dns"] = "authz_host_module",
        ["method"] = "authz_core_module", ["expr"] = "authz_core_module",
        ["user"] = "authz_user_module", ["valid-user"] = "authz_user_module",
        ["group"] = "authz_groupfile_module",
        ["file-owner"] = "authz_owner_module", ["file-group"] = "authz_owner_module",
        ["dbm-group"] = "authz_dbm_module", ["dbd-group"] = "authz_dbd_module",
        ["ldap-user"] = "authnz_ldap_module", ["ldap-group"] = "authnz_ldap_module", ["ldap-dn"] = "authnz_ldap_module",
        ["ldap-attribute"] = "authnz_ldap_module", ["ldap-filter"] = "authnz_ldap_module", ["ldap-search"] = "authnz_ldap_module",
    };

    private static bool Is(ApacheDirectiveInfo d, string module, string name) =>
        d.Module == module && d.Name.Equals(name, StringComparison.OrdinalIgnoreCase);

    private static bool OneOf(string word, IEnumerable<string> names) => names.Any(n => n.Equals(word, StringComparison.OrdinalIgnoreCase));

    public static string? Check(ApacheDirectiveInfo d, IReadOnlyList<string> words, ApacheFormContext context)
    {
        if (Is(d, "actions_module", "Action"))
            return words.Count == 3 && !words[2].Equals("virtual", StringComparison.OrdinalIgnoreCase) ? $"unrecognized option '{words[2]}'" : null;
        if (Is(d, "core_module", "Options")) return Options(words);
        if (Is(d, "core_module", "AllowOverride")) return AllowOverride(words);
        if (Is(d, "authz_core_module", "Require")) return Require(words, context);
        if (Is(d, "core_module", "LogLevel"))
        {
            // core.c set_loglevel: each word is LEVEL or MODULE:LEVEL.
            foreach (var w in words)
            {
                var level = w.Contains(':') ? w[(w.LastIndexOf(':') + 1)..] : w;
                if (!OneOf(level, LogLevels)) return "Log level keyword must be one of emerg/alert/crit/error/warn/notice/info/debug/trace1/.../trace8";
            }
            return null;
        }
        if (d.Name.Equals("Listen", StringComparison.OrdinalIgnoreCase) && d.Module.StartsWith("mpm_", StringComparison.Ordinal))
            return words.Count is < 1 or > 2 ? "Listen requires 1 or 2 arguments." : null;
        if (d.Module == "alias_module" && (d.Name.Equals("Alias", StringComparison.OrdinalIgnoreCase) || d.Name.Equals("ScriptAlias", StringComparison.OrdinalIgnoreCase)))
        {
            // mod_alias.c add_alias: the one-word form only inside <Location>, the two-word form only outside.
            if (context.Context == DirectiveContexts.Location)
                return words.Count == 2 ? $"{d.Name} cannot occur within directory context" : null;
            return words.Count == 1 ? "Alias must have two arguments when used globally" : null;
        }
        if (Is(d, "autoindex_module", "IndexOptions")) return IndexOptions(words);
        if (Is(d, "headers_module", "Header") || Is(d, "headers_module", "RequestHeader"))
        {
            // mod_headers.c header_cmd: Header may start with a condition (always, onsuccess), then the action.
            var i = d.Name.Equals("Header", StringComparison.OrdinalIgnoreCase) && words.Count > 0 && OneOf(words[0], new[] { "always", "onsuccess" }) ? 1 : 0;
            var action = i < words.Count ? words[i] : "";
            if (!OneOf(action, new[] { "add", "set", "setifempty", "append", "merge", "unset", "echo", "note", "edit", "edit*" }))
                return "first argument must be 'add', 'set', 'setifempty', 'append', 'merge', 'unset', 'echo', 'note', 'edit', or 'edit*'.";
            return null;
        }
        if (Is(d, "core_module", "FileETag"))
        {
            // core.c set_etag_bits.
            foreach (var word in words)
            {
                var name = word.StartsWith('+') || word.StartsWith('-') ? word[1..] : word;
                if (!OneOf(name, new[] { "INode", "MTime", "Size", "Digest", "All", "None" }))
                    return $"Unknown keyword '{name}' for FileETag directive";
            }
            return null;
        }
        if ((Is(d, "ssl_module", "SSLCipherSuite") || Is(d, "ssl_module", "SSLProxyCipherSuite")) && words.Count == 2
            && words[0] is not ("SSL" or "TLSv1.3"))
            return $"protocol '{words[0]}' not supported"; // ssl_engine_config.c ssl_cmd_SSLCipherSuite
        if (Is(d, "ssl_module", "SSLProtocol") || Is(d, "ssl_module", "SSLProxyProtocol"))
        {
            // ssl_engine_config.c ssl_cmd_protocol_parse (names compared case-insensitively).
            foreach (var word in words)
            {
                var action = word.StartsWith('+') || word.StartsWith('-') ? word[0] : '\0';
                var name = action == '\0' ? word : word[1..];
                if (name.Equals("SSLv2", StringComparison.OrdinalIgnoreCase))
                {
                    if (action != '-') return d.Name + ": SSLv2 is no longer supported";
                    continue;
                }
                if (!OneOf(name, new[] { "all", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3" }))
                    return $"{d.Name}: Illegal protocol '{name}'";
            }
            return null;
        }
        if (Is(d, "log_config_module", "CustomLog") && words.Count == 3
            && !words[2].StartsWith("env=", StringComparison.OrdinalIgnoreCase) && !words[2].StartsWith("expr=", StringComparison.OrdinalIgnoreCase))
            return "error in condition clause"; // mod_log_config.c add_custom_log
        if (d.Module == "proxy_module" && (d.Name.Equals("ProxyPass", StringComparison.OrdinalIgnoreCase) || d.Name.Equals("ProxyPassMatch", StringComparison.OrdinalIgnoreCase)))
        {
            // mod_proxy.c add_pass: after the path and URL (only the URL inside <Location>), key=value parameters or flags.
            var first = context.Context == DirectiveContexts.Location ? 1 : 2;
            if (words.Count < first) return "ProxyPass|ProxyPassMatch needs a path when not defined in a location";
            for (var i = first; i < words.Count; i++)
                if (!words[i].Contains('=') && !OneOf(words[i], new[] { "nocanon", "interpolate", "noquery" }))
                    return "Invalid ProxyPass|ProxyPassMatch parameter. Parameter must be in the form 'key=value'.";
        }
        if (d.Module == "setenvif_module")
        {
            // mod_setenvif.c add_setenvif_core: attribute (SetEnvIf*), regex, then at least one variable.
            var browser = d.Name.StartsWith("BrowserMatch", StringComparison.OrdinalIgnoreCase);
            var needed = browser ? 2 : 3;
            if (!browser && words.Count < 2) return $"Missing regular expression for {d.Name}";
            if (words.Count < needed) return $"Missing envariable expression for {d.Name}";
        }
        return null;
    }

    /// <summary>core.c set_options.</summary>
    private static string? Options(IReadOnlyList<string> words)
    {
        bool? firstHasAction = null;
        foreach (var word in words)
        {
            var hasAction = word.StartsWith('+') || word.StartsWith('-');
            if (firstHasAction is null) firstHasAction = hasAction;
            else if (firstHasAction != hasAction) return "Either all Options must start with + or -, or no Option may.";
            var name = hasAction ? word[1..] : word;
            if (!OneOf(name, OptionNames)) return "Illegal option " + name;
            if (hasAction && name.Equals("None", StringComparison.OrdinalIgnoreCase)) return "You may not use 'Options +None' or 'Options -None'.";
            if (hasAction && name.Equals("All", StringComparison.OrdinalIgnoreCase)) return "You may not use 'Options +All' or 'Options -All'.";
        }
        return null;
    }

    /// <summary>core.c set_override (and set_allow_opts for Options=…).</summary>
    private static string? AllowOverride(IReadOnlyList<string> words)
    {
        foreach (var word in words)
        {
            var eq = word.IndexOf('=');
            var name = eq < 0 ? word : word[..eq];
            if (name.Equals("Nonfatal", StringComparison.OrdinalIgnoreCase)) continue;
            if (!OneOf(name, OverrideNames)) return "Illegal override option " + word;
            if (eq >= 0 && name.Equals("Options", StringComparison.OrdinalIgnoreCase))
                foreach (var option in word[(eq + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
                    if (!OneOf(option, OptionNames)) return "Illegal option " + option;
        }
        return null;
    }

    /// <summary>mod_authz_core.c add_authz_provider and the providers' parsers.</summary>
    private static string? Require(IReadOnlyList<string> words, ApacheFormContext context)
    {
        var i = 0;
        var negated = words.Count > 0 && words[0].Equals("not", StringComparison.OrdinalIgnoreCase);
        if (negated) i = 1;
        var provider = i < words.Count ? words[i] : "";
        var known = AuthzProviders.TryGetValue(provider, out var module) && context.IsModuleLoaded(module);
        if (!known && !context.AuthzAliases.Contains(provider)) return "Unknown Authz provider: " + provider;
        if (negated && !context.InRequireGroup) return "negative Require directive has no effect in <RequireAny> directive";
        var rest = words.Count - i - 1;
        if (provider.Equals("all", StringComparison.OrdinalIgnoreCase))
            return rest != 1 || !OneOf(words[i + 1], new[] { "granted", "denied" }) ? "Argument for 'Require all' must be 'granted' or 'denied'" : null;
        if (rest == 0 && OneOf(provider, new[] { "ip", "host", "env", "forward-dns" }))
            return $"'require {provider.ToLowerInvariant()}' requires an argument";
        return null;
    }

    /// <summary>mod_autoindex.c add_opts.</summary>
    private static string? IndexOptions(IReadOnlyList<string> words)
    {
        foreach (var word in words)
        {
            var w = word.StartsWith('+') || word.StartsWith('-') ? word[1..] : word;
            var eq = w.IndexOf('=');
            var ok = eq < 0 ? OneOf(w, IndexOptionFlags) : OneOf(w[..eq], IndexOptionValues);
            if (!ok) return "Invalid directory indexing option";
        }
        return null;
    }
}
