namespace ConfLint.Syntax.Ini;

/// <summary>How FPM parses a key's value: the fpm_conf_set_* function of its ini_value_parser_s entry.</summary>
public enum FpmValueKind
{
    /// <summary>fpm_conf_set_string: any text; `$pool` is replaced by the pool name.</summary>
    String,

    /// <summary>fpm_conf_set_integer: digits, one leading `-` allowed, empty reads as 0.</summary>
    Integer,

    /// <summary>fpm_conf_set_time: a number with an optional s/m/h/d suffix.</summary>
    Time,

    /// <summary>fpm_conf_set_boolean: 1/yes/on/true or ""/0/no/off/false (the INI parser already turns bare yes/on… into "1"/"").</summary>
    Boolean,

    /// <summary>fpm_conf_set_log_level: debug, notice, warning/warn, error, alert.</summary>
    LogLevel,

    /// <summary>fpm_conf_set_syslog_facility: AUTH … LOCAL7.</summary>
    SyslogFacility,

    /// <summary>fpm_conf_set_rlimit_core: `unlimited` or an integer ≥ 0.</summary>
    RlimitCore,

    /// <summary>fpm_conf_set_pm: static, dynamic or ondemand.</summary>
    ProcessManager,
}

/// <summary>
/// The keys php-fpm 8.2 accepts (sapi/fpm/fpm/fpm_conf.c ini_fpm_global_options and
/// ini_fpm_pool_options, as Debian builds it: with syslog, systemd, ACL and AppArmor support,
/// without SO_SETFIB) and the array directives of fpm_conf_ini_parser_array.
/// </summary>
public static class FpmDirectives
{
    public static IReadOnlyDictionary<string, FpmValueKind> Global { get; } = new Dictionary<string, FpmValueKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["pid"] = FpmValueKind.String,
        ["error_log"] = FpmValueKind.String,
        ["syslog.ident"] = FpmValueKind.String,
        ["syslog.facility"] = FpmValueKind.SyslogFacility,
        ["log_buffering"] = FpmValueKind.Boolean,
        ["log_level"] = FpmValueKind.LogLevel,
        ["log_limit"] = FpmValueKind.Integer,
        ["emergency_restart_threshold"] = FpmValueKind.Integer,
        ["emergency_restart_interval"] = FpmValueKind.Time,
        ["process_control_timeout"] = FpmValueKind.Time,
        ["process.max"] = FpmValueKind.Integer,
        ["process.priority"] = FpmValueKind.Integer,
        ["daemonize"] = FpmValueKind.Boolean,
        ["rlimit_files"] = FpmValueKind.Integer,
        ["rlimit_core"] = FpmValueKind.RlimitCore,
        ["events.mechanism"] = FpmValueKind.String,
        ["systemd_interval"] = FpmValueKind.Time,
    };

    public static IReadOnlyDictionary<string, FpmValueKind> Pool { get; } = new Dictionary<string, FpmValueKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["prefix"] = FpmValueKind.String,
        ["user"] = FpmValueKind.String,
        ["group"] = FpmValueKind.String,
        ["listen"] = FpmValueKind.String,
        ["listen.backlog"] = FpmValueKind.Integer,
        ["listen.acl_users"] = FpmValueKind.String,
        ["listen.acl_groups"] = FpmValueKind.String,
        ["listen.owner"] = FpmValueKind.String,
        ["listen.group"] = FpmValueKind.String,
        ["listen.mode"] = FpmValueKind.String,
        ["listen.allowed_clients"] = FpmValueKind.String,
        ["process.priority"] = FpmValueKind.Integer,
        ["process.dumpable"] = FpmValueKind.Boolean,
        ["pm"] = FpmValueKind.ProcessManager,
        ["pm.max_children"] = FpmValueKind.Integer,
        ["pm.start_servers"] = FpmValueKind.Integer,
        ["pm.min_spare_servers"] = FpmValueKind.Integer,
        ["pm.max_spare_servers"] = FpmValueKind.Integer,
        ["pm.max_spawn_rate"] = FpmValueKind.Integer,
        ["pm.process_idle_timeout"] = FpmValueKind.Time,
        ["pm.max_requests"] = FpmValueKind.Integer,
        ["pm.status_path"] = FpmValueKind.String,
        ["pm.status_listen"] = FpmValueKind.String,
        ["ping.path"] = FpmValueKind.String,
        ["ping.response"] = FpmValueKind.String,
        ["access.log"] = FpmValueKind.String,
        ["access.format"] = FpmValueKind.String,
        ["slowlog"] = FpmValueKind.String,
        ["request_slowlog_timeout"] = FpmValueKind.Time,
        ["request_slowlog_trace_depth"] = FpmValueKind.Integer,
        ["request_terminate_timeout"] = FpmValueKind.Time,
        ["request_terminate_timeout_track_finished"] = FpmValueKind.Boolean,
        ["rlimit_files"] = FpmValueKind.Integer,
        ["rlimit_core"] = FpmValueKind.RlimitCore,
        ["chroot"] = FpmValueKind.String,
        ["chdir"] = FpmValueKind.String,
        ["catch_workers_output"] = FpmValueKind.Boolean,
        ["decorate_workers_output"] = FpmValueKind.Boolean,
        ["clear_env"] = FpmValueKind.Boolean,
        ["security.limit_extensions"] = FpmValueKind.String,
        ["apparmor_hat"] = FpmValueKind.String,
    };

    /// <summary>The key as the table spells it, for a key the table has in any case ("PM.Max_Children" → "pm.max_children").</summary>
    public static string CanonicalKey(IReadOnlyDictionary<string, FpmValueKind> table, string key) =>
        (ReferenceEquals(table, Global) ? GlobalKeys : PoolKeys).TryGetValue(key, out var canonical) ? canonical : key;

    private static readonly Dictionary<string, string> GlobalKeys = Global.Keys.ToDictionary(k => k, StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, string> PoolKeys = Pool.Keys.ToDictionary(k => k, StringComparer.OrdinalIgnoreCase);

    /// <summary>The `name[key] = value` directives of a pool (compared case-sensitively, as fpm_conf_ini_parser_array does).</summary>
    public static IReadOnlyList<string> Arrays { get; } = new[] { "env", "php_value", "php_admin_value", "php_flag", "php_admin_flag", "access.suppress_path" };

    private static readonly string[] SyslogFacilities =
    {
        "AUTH", "AUTHPRIV", "CRON", "DAEMON", "FTP", "KERN", "LPR", "MAIL", "NEWS", "SYSLOG", "USER", "UUCP",
        "LOCAL0", "LOCAL1", "LOCAL2", "LOCAL3", "LOCAL4", "LOCAL5", "LOCAL6", "LOCAL7",
    };

    /// <summary>The event mechanisms fpm_event_pre_init finds on Linux.</summary>
    public static IReadOnlyList<string> EventMechanisms { get; } = new[] { "epoll", "poll", "select" };

    /// <summary>The values fpm_conf_set_boolean accepts (8.2: also the spelled-out forms, for values coming from the environment).</summary>
    public static bool? ParseBoolean(string value) => value switch
    {
        "1" or "yes" or "on" or "true" => true,
        "" or "0" or "no" or "off" or "false" => false,
        _ => null,
    };

    /// <summary>
    /// Checks a value as the key's fpm_conf_set_* function does; returns FPM's own error text,
    /// or null when FPM accepts it. <paramref name="number"/> is the integer or seconds FPM stores.
    /// </summary>
    public static string? Check(FpmValueKind kind, string value, out long? number)
    {
        number = null;
        switch (kind)
        {
            case FpmValueKind.Integer:
                for (int i = 0; i < value.Length; i++)
                {
                    if (i == 0 && value[i] == '-') continue;
                    if (!char.IsAsciiDigit(value[i])) return "is not a valid number (greater or equal than zero)";
                }
                number = Atoi(value);
                return null;
            case FpmValueKind.Time:
            {
                if (value.Length == 0) return "invalid time value";
                char suffix = value[^1];
                var head = value[..^1];
                switch (suffix)
                {
                    case 'm': number = 60 * Atoi(head); return null;
                    case 'h': number = 3600 * Atoi(head); return null;
                    case 'd': number = 86400 * Atoi(head); return null;
                    case 's': number = Atoi(head); return null;
                    default:
                        if (!char.IsAsciiDigit(suffix)) return "unknown suffix used in time value";
                        number = Atoi(value);
                        return null;
                }
            }
            case FpmValueKind.Boolean:
                var b = ParseBoolean(value);
                if (b is null) return "invalid boolean value";
                number = b.Value ? 1 : 0;
                return null;
            case FpmValueKind.LogLevel:
                return value.ToLowerInvariant() is "debug" or "notice" or "warning" or "warn" or "error" or "alert" ? null : "invalid value for 'log_level'";
            case FpmValueKind.SyslogFacility:
                return SyslogFacilities.Contains(value, StringComparer.OrdinalIgnoreCase) ? null : "invalid value";
            case FpmValueKind.RlimitCore:
                if (value.Equals("unlimited", StringComparison.OrdinalIgnoreCase)) { number = -1; return null; }
                var error = Check(FpmValueKind.Integer, value, out number);
                if (error is not null) return error;
                return number < 0 ? "must be greater than zero or 'unlimited'" : null;
            case FpmValueKind.ProcessManager:
                return value.ToLowerInvariant() is "static" or "dynamic" or "ondemand" ? null : "invalid process manager (static, dynamic or ondemand)";
            default:
                return null;
        }
    }

    /// <summary>C atoi: optional blanks and sign, then leading digits; 0 when none. Clamped to int like the C int it fills.</summary>
    public static long Atoi(string s)
    {
        int i = 0;
        while (i < s.Length && s[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r') i++;
        bool negative = false;
        if (i < s.Length && s[i] is '+' or '-') { negative = s[i] == '-'; i++; }
        long v = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            v = v * 10 + (s[i] - '0');
            if (v > int.MaxValue) { v = int.MaxValue; }
            i++;
        }
        return negative ? -v : v;
    }
}
