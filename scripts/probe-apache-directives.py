#!/usr/bin/env python3
"""Generates src/ConfLint/Syntax/Apache/apache-directives.tsv, ConfLint's Apache directive dictionary.

Asks the installed httpd itself, module by module, what it accepts:
  * names, source files, override classes and the outer context class come from `apache2 -L`
    (ap_show_directives: every command_rec of every loaded module, with its req_override);
  * the argument kind (TAKE1 … RAW_ARGS) comes from the error invoke_cmd() in server/config.c
    gives for zero arguments ("takes one argument", "takes 1-2 arguments", "must be On or Off",
    "requires at least one argument", …) and, when zero arguments pass, from one argument
    ("takes no arguments" = NO_ARGS, otherwise RAW_ARGS/TAKE_ARGV: the handler parses);
  * the exact contexts come from one probe per section kind (server, <VirtualHost>, <Directory>,
    <Location>, <Files>, <If>, <Proxy>, <Limit>): "not allowed here" (req_override) and
    "cannot occur within <X> section" / "not allowed in <If>" (ap_check_cmd_context in the
    handler) mean refused; anything else (Syntax OK or a complaint about the value) means allowed;
  * the phase: a directive whose error is reported before an unknown directive on a later line
    runs while the file is read (EXEC_ON_READ), all others while the tree is walked.
Module identifiers and the manual's context list come from the httpd manual XML
(corpus/apache-httpd-2.4-manual-mod) and the module docs (corpus/module-docs). mod_fastcgi and
mod_php cannot be installed here: their rows come from their documentation (origin=docs).

One httpd process per probe (httpd stops at the first error), --jobs at a time: about 10,000
probes, 7 minutes on 2 idle cores (12 while other builds run). Usage: scripts/probe-apache-directives.py [--jobs N] [--out FILE]
"""
import argparse
import concurrent.futures as futures
import glob
import html
import os
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.normpath(os.path.join(REPO, "..", "shared", "corpus"))
if not os.path.isdir(CORPUS):
    CORPUS = "/work/shared/corpus"
MANUAL = os.path.join(CORPUS, "apache-httpd-2.4-manual-mod")
MODULE_DOCS = os.path.join(CORPUS, "module-docs")
MODS_AVAILABLE = "/etc/apache2/mods-available"
MODULE_DIR = "/usr/lib/apache2/modules"
APACHE = "/usr/sbin/apache2"

# Modules Debian ships in /usr/lib/apache2/modules without a mods-available/*.load file.
EXTRA_MODULES = ["bucketeer", "case_filter", "case_filter_in"]
MPMS = ["mpm_event", "mpm_prefork", "mpm_worker"]

# Section kinds a directive is probed in; the template wraps the probe line.
CONTEXTS = [
    ("server", "{line}"),
    ("virtualhost", "<VirtualHost *:80>\n{line}\n</VirtualHost>"),
    ("directory", "<Directory /tmp>\n{line}\n</Directory>"),
    ("location", "<Location /probe>\n{line}\n</Location>"),
    ("files", "<Files probe>\n{line}\n</Files>"),
    ("if", "<If \"true\">\n{line}\n</If>"),
    ("proxy", "<Proxy \"http://probe/\">\n{line}\n</Proxy>"),
    ("limit", "<Directory /tmp>\n<Limit GET>\n{line}\n</Limit>\n</Directory>"),
]

# invoke_cmd()'s arity messages (server/config.c) → kind, min, max (-1 = unbounded).
ARITY_MESSAGES = [
    ("takes no arguments", "NO_ARGS", 0, 0),
    ("takes one argument", "TAKE1", 1, 1),
    ("takes two arguments", "TAKE2", 2, 2),
    ("takes 1-2 arguments", "TAKE12", 1, 2),
    ("takes three arguments", "TAKE3", 3, 3),
    ("takes two or three arguments", "TAKE23", 2, 3),
    ("takes one, two or three arguments", "TAKE123", 1, 3),
    ("takes one or three arguments", "TAKE13", 1, 3),
    ("requires at least one argument", "ITERATE", 1, -1),
    ("requires at least two arguments", "ITERATE2", 2, -1),
    ("must be On or Off", "FLAG", 1, 1),
]

# Values tried to find arguments a directive accepts, so that context probes reach the
# handler's own ap_check_cmd_context() instead of stopping at a value complaint.
CANDIDATE_VALUES = ["On", "1", "/tmp", "x", "*", "none", "GET", "text/html", "http://localhost/", "x=y"]


def run(config_text, workdir, name):
    path = os.path.join(workdir, name)
    with open(path, "w") as f:
        f.write(config_text)
    proc = subprocess.run([APACHE, "-t", "-f", path], capture_output=True, text=True,
                          env={"PATH": "/usr/sbin:/usr/bin:/bin", "LANG": "C"})
    out = (proc.stdout + proc.stderr).strip()
    os.unlink(path)
    return proc.returncode, out


def load_lines():
    """mods-available/*.load in dependency order (their '# Depends:' lines), per MPM."""
    mods = {}
    for f in sorted(glob.glob(os.path.join(MODS_AVAILABLE, "*.load"))):
        name = os.path.basename(f)[:-5]
        text = open(f).read()
        deps = []
        for m in re.finditer(r"^# Depends:(.*)$", text, re.M):
            deps += m.group(1).split()
        mods[name] = (deps, re.findall(r"^\s*LoadModule\s+(\S+)\s+(\S+)", text, re.M))
    result = {}
    for mpm in MPMS:
        order, seen = [], set()

        def visit(n):
            if n in seen:
                return
            seen.add(n)
            for d in mods[n][0]:
                visit(d)
            order.append(n)

        for n in mods:
            if n.startswith("mpm_") and n != mpm:
                continue
            visit(n)
        lines = [f"LoadModule {i} {p}" for n in order for i, p in mods[n][1]]
        lines += [f"LoadModule {x}_module {MODULE_DIR}/mod_{x}.so" for x in EXTRA_MODULES]
        result[mpm] = lines
    load_of = {}
    for n, (deps, lms) in mods.items():
        for ident, path in lms:
            load_of[os.path.basename(path)] = (ident, path, [d for d in deps])
    for x in EXTRA_MODULES:
        load_of[f"mod_{x}.so"] = (f"{x}_module", f"{MODULE_DIR}/mod_{x}.so", [])
    return result, load_of


def prologue(workdir, mpm_lines):
    return "\n".join([f"ServerRoot {workdir}", "ServerName localhost", "ErrorLog /dev/null"] + mpm_lines) + "\n"


def parse_show_directives(text):
    """apache2 -L: 'Name (file.c)', description lines, 'Allowed in *.conf …' [and in .htaccess when AllowOverride …]."""
    entries = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"^(\S+) \((\S+\.c)\)$", lines[i])
        if not m:
            i += 1
            continue
        name, source = m.group(1), m.group(2)
        i += 1
        block = []
        while i < len(lines) and lines[i].startswith("\t"):
            block.append(lines[i][1:])
            i += 1
        allowed_at = next((k for k, l in enumerate(block) if l.startswith("Allowed in *.conf")), len(block))
        description = " ".join(block[:allowed_at]).strip()
        allowed = " ".join(block[allowed_at:])
        if "anywhere" in allowed:
            where = "anywhere"
        elif "only outside" in allowed:
            where = "outside"
        else:
            where = "inside"
        override = ""
        m2 = re.search(r"when AllowOverride (isn't None|includes (.*))$", allowed)
        if m2:
            override = "All" if m2.group(1) == "isn't None" else ",".join(x.strip() for x in m2.group(2).split(" or "))
        entries.append(dict(name=name, source=source, description=description, where=where, override=override))
    return entries


def manual_modules():
    """sourcefile → identifier, and directive name → manual context list, from the manual XML."""
    source_to_ident, contexts = {}, {}
    for f in sorted(glob.glob(os.path.join(MANUAL, "*.xml"))) + [os.path.join(MODULE_DOCS, "mod_fcgid.xml")]:
        text = open(f, encoding="utf-8", errors="replace").read()
        src = re.search(r"<sourcefile>\s*(\S+?)\s*</sourcefile>", text)
        ident = re.search(r"<identifier>\s*(\S+?)\s*</identifier>", text)
        if src and ident:
            source_to_ident[src.group(1)] = ident.group(1)
        for d in re.finditer(r"<directivesynopsis[^>]*>(.*?)</directivesynopsis>", text, re.S):
            body = d.group(1)
            n = re.search(r"<name>(.*?)</name>", body, re.S)
            if not n or "location=" in d.group(0)[:40]:
                continue
            name = html.unescape(re.sub(r"\s+", " ", n.group(1)).strip())
            ctx = [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<context>(.*?)</context>", body, re.S)]
            if ctx:
                contexts.setdefault(name.lower(), ",".join(ctx))
    return source_to_ident, contexts


def identifier_for(source, source_to_ident, so_names):
    if source in source_to_ident:
        return source_to_ident[source]
    builtin = {"core.c": "core_module", "http_core.c": "http_module", "mod_so.c": "so_module",
               "event.c": "mpm_event_module", "prefork.c": "mpm_prefork_module", "worker.c": "mpm_worker_module",
               "mod_watchdog.c": "watchdog_module", "mod_unixd.c": "unixd_module", "unixd.c": "unixd_module",
               "mod_dumpio.c": "dumpio_module"}
    if source in builtin:
        return builtin[source]
    base = source[:-2]
    if base.startswith("mod_"):
        base = base[4:]
    return base + "_module"


def classify_arity(out):
    for text, kind, lo, hi in ARITY_MESSAGES:
        if text in out:
            return kind, lo, hi
    return None


def refused(out):
    return ("not allowed here" in out or "cannot occur within" in out
            or re.search(r"not allowed in <\w+> context", out) is not None
            or "is not allowed in" in out and "context" in out)


def probe_line(name, args):
    if name.startswith("<"):
        tag = name[1:]
        opener = "If \"true\"" if tag.lower() in ("if", "elseif") else tag + (" " + " ".join(args) if args else "")
        if tag.lower() == "else":
            opener = tag
        return f"<{opener}>\n</{tag}>"
    return name + ("" if not args else " " + " ".join(args))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=os.path.join(REPO, "src/ConfLint/Syntax/Apache/apache-directives.tsv"))
    opts = ap.parse_args()

    version = subprocess.run([APACHE, "-v"], capture_output=True, text=True).stdout.splitlines()[0]
    per_mpm, load_of = load_lines()
    workdir = tempfile.mkdtemp(prefix="conflint-probe-")
    source_to_ident, manual_contexts = manual_modules()

    # 1. What each module registers (apache2 -L), per MPM so every MPM's directives are seen.
    directives = {}
    for mpm in MPMS:
        conf = prologue(workdir, per_mpm[mpm])
        path = os.path.join(workdir, f"list-{mpm}.conf")
        open(path, "w").write(conf)
        text = subprocess.run([APACHE, "-L", "-f", path], capture_output=True, text=True).stdout
        for e in parse_show_directives(text):
            key = (e["name"].lower(), e["source"])
            if key not in directives:
                e["mpm"] = mpm
                directives[key] = e
    print(f"{len(directives)} directives from apache2 -L", file=sys.stderr)

    pool = futures.ThreadPoolExecutor(max_workers=opts.jobs)
    counter = iter(range(10**9))

    def probe(entry, body):
        return run(prologue(workdir, per_mpm[entry["mpm"]]) + body + "\n", workdir, f"p{next(counter)}.conf")

    def first_context(entry):
        return "server" if entry["where"] != "inside" else "directory"

    def wrap(ctx, line):
        return dict(CONTEXTS)[ctx].format(line=line)

    # 2. Arity: zero arguments, then one when zero passes.
    def arity_of(entry):
        name = entry["name"]
        if name.startswith("<"):
            return ("RAW_ARGS", 0, -1, "")
        ctx = first_context(entry)
        rc, out = probe(entry, wrap(ctx, name))
        got = classify_arity(out)
        if got:
            return got + (out,)
        rc1, out1 = probe(entry, wrap(ctx, name + " x"))
        if "takes no arguments" in out1:
            return ("NO_ARGS", 0, 0, out1)
        return ("RAW_ARGS", 0, -1, out)

    # 3. Arguments the directive accepts (Syntax OK) in its first context, if any candidate does.
    def good_args(entry):
        kind, lo = entry["arity"], entry["min"]
        if kind == "NO_ARGS":
            return []
        count = max(lo, 1)
        if kind == "FLAG":
            return ["On"]
        ctx = first_context(entry)
        for value in CANDIDATE_VALUES:
            args = [value] * count
            rc, out = probe(entry, wrap(ctx, probe_line(entry["name"], args)))
            if rc == 0:
                return args
        return ["x"] * count

    # 4. Contexts, and the phase (read or walk) of the directive's own errors.
    def contexts_of(entry):
        allowed, messages = [], {}
        for ctx, _ in CONTEXTS:
            rc, out = probe(entry, wrap(ctx, probe_line(entry["name"], entry["args"])))
            if refused(out):
                message = out.splitlines()[-1]
                messages[ctx] = message[len(entry["name"]) + 1:] if message.startswith(entry["name"] + " ") else message
            else:
                allowed.append(ctx)
        return allowed, messages

    def phase_of(entry):
        # httpd reports an unknown directive while walking the tree (ap_walk_config_sub), so an
        # unknown directive placed BEFORE a failing line is reported first unless the failing
        # line's handler runs while reading (EXEC_ON_READ).
        name = entry["name"]
        if name.startswith("<"):
            refusals = [c for c, _ in CONTEXTS if c not in entry["contexts"]]
            if refusals:
                ctx, line = refusals[0], probe_line(name, entry["args"])
            else:
                ctx, line = "server", probe_line(name, [])
        elif entry["arity"] in ("RAW_ARGS", "NO_ARGS"):
            refusals = [c for c, _ in CONTEXTS if c not in entry["contexts"]]
            if entry["arity"] == "NO_ARGS":
                ctx, line = first_context(entry), name + " x x x x x"
            elif refusals:
                ctx, line = refusals[0], probe_line(name, entry["args"])
            else:
                return "walk"
        else:
            ctx = first_context(entry)
            line = name if entry["min"] > 0 else name + " x x x x x"
        rc, out = probe(entry, "ConfLintProbeUnknownDirective\n" + wrap(ctx, line))
        if rc == 0:
            return "walk"
        return "walk" if "ConfLintProbeUnknownDirective" in out else "read"

    entries = list(directives.values())
    for e, res in zip(entries, pool.map(arity_of, entries)):
        e["arity"], e["min"], e["max"], e["arity_out"] = res
    print("arity done", file=sys.stderr)
    for e, res in zip(entries, pool.map(good_args, entries)):
        e["args"] = res
    print("arguments done", file=sys.stderr)
    for e, res in zip(entries, pool.map(contexts_of, entries)):
        e["contexts"], e["refusals"] = res
    print("contexts done", file=sys.stderr)
    for e, res in zip(entries, pool.map(phase_of, entries)):
        e["phase"] = res
    print("phases done", file=sys.stderr)

    rows = []
    for e in entries:
        ident = identifier_for(e["source"], source_to_ident, load_of)
        rows.append([e["name"], ident, e["source"], ",".join(e["contexts"]), e["override"] or "None",
                     e["arity"], str(e["min"]), str(e["max"]), e["phase"],
                     manual_contexts.get(e["name"].lower(), ""), "probe", e["description"],
                     ";".join(f"{c}={m}" for c, m in e["refusals"].items())])
    rows += docs_rows()

    # LoadModule lines, so rules can say which line would load a module.
    modules = {}
    for so, (ident, path, deps) in load_of.items():
        modules[ident] = (path, ",".join(d + "_module" for d in deps))

    rows.sort(key=lambda r: (r[0].lower(), r[1]))
    with open(opts.out, "w") as o:
        o.write(f"# ConfLint Apache directive dictionary. Generated by scripts/probe-apache-directives.py; do not edit.\n")
        o.write(f"# Probed on: {version} (Debian 12), modules of {MODULE_DIR} + mod_fcgid; MPMs event, prefork, worker.\n")
        o.write("# origin=docs rows (mod_fastcgi, mod_php) come from their documentation: not installable here.\n")
        o.write("# contexts: server, virtualhost, directory, location, files, if, proxy, limit (probed with apache2 -t);\n")
        o.write("#   .htaccess = override (AllowOverride class from apache2 -L; None = never in .htaccess).\n")
        o.write("# arity: invoke_cmd() kind; min/max argument counts (-1 = no limit). phase: read = EXEC_ON_READ\n")
        o.write("#   (errors reported while the file is read), walk = reported after the whole tree was read.\n")
        o.write("#module\tidentifier\tso\tcompanions\n")
        for ident in sorted(modules):
            path, deps = modules[ident]
            o.write(f"@module\t{ident}\t{path}\t{deps}\n")
        for ident, path in [("fastcgi_module", f"{MODULE_DIR}/mod_fastcgi.so"), ("php_module", f"{MODULE_DIR}/libphp8.2.so")]:
            o.write(f"@module\t{ident}\t{path}\t\n")
        o.write("#name\tmodule\tsource\tcontexts\toverride\tarity\tmin\tmax\tphase\tmanual_contexts\torigin\tdescription\trefusals\n")
        for r in rows:
            o.write("\t".join(x.replace("\t", " ").replace("\n", " ") for x in r) + "\n")
    print(f"wrote {len(rows)} directives to {opts.out}", file=sys.stderr)


def docs_rows():
    """mod_fastcgi (docs/mod_fastcgi.html) and mod_php (PHP manual, sapi/apache2handler/apache_config.c)."""
    text = open(os.path.join(MODULE_DOCS, "mod_fastcgi.html"), encoding="latin-1").read()
    manual_ctx = {}
    for part in re.split(r'<A NAME="(?=FastCgi)', text)[1:]:
        name = part.split('"', 1)[0]
        ctx = re.search(r"Context:</STRONG></A>\s*</TD>\s*<TD>(.*?)</TD>", part, re.S | re.I)
        if ctx:
            manual_ctx[name] = re.sub(r"<[^>]+>|\s+", " ", html.unescape(ctx.group(1))).strip()
    server_vhost = "server,virtualhost"
    dir_ctx = "directory,location,files,if,proxy,limit"
    fastcgi = [
        # name, contexts, override, arity, min, max — from the Syntax/Context lines of the docs.
        ("FastCgiServer", server_vhost, "None", "RAW_ARGS", 1, -1),
        ("FastCgiConfig", "server", "None", "RAW_ARGS", 1, -1),
        ("FastCgiExternalServer", server_vhost, "None", "RAW_ARGS", 1, -1),
        ("FastCgiIpcDir", "server", "None", "TAKE1", 1, 1),
        ("FastCgiWrapper", "server", "None", "TAKE1", 1, 1),
        ("FastCgiAuthenticator", dir_ctx, "AuthConfig", "TAKE12", 1, 2),
        ("FastCgiAuthenticatorAuthoritative", dir_ctx, "AuthConfig", "FLAG", 1, 1),
        ("FastCgiAuthorizer", dir_ctx, "AuthConfig", "TAKE12", 1, 2),
        ("FastCgiAuthorizerAuthoritative", dir_ctx, "AuthConfig", "FLAG", 1, 1),
        ("FastCgiAccessChecker", dir_ctx, "AuthConfig", "TAKE12", 1, 2),
        ("FastCgiAccessCheckerAuthoritative", dir_ctx, "AuthConfig", "FLAG", 1, 1),
    ]
    rows = [[n, "fastcgi_module", "mod_fastcgi.c", c, o, a, str(lo), str(hi), "walk",
             manual_ctx.get(n, ""), "docs", "", ""] for n, c, o, a, lo, hi in fastcgi]
    php = [
        ("php_value", "server,virtualhost," + dir_ctx, "Options", "PHP Value Modifier"),
        ("php_flag", "server,virtualhost," + dir_ctx, "Options", "PHP Flag Modifier"),
        ("php_admin_value", "server,virtualhost," + dir_ctx, "None", "PHP Value Modifier (Admin)"),
        ("php_admin_flag", "server,virtualhost," + dir_ctx, "None", "PHP Flag Modifier (Admin)"),
    ]
    rows += [[n, "php_module", "mod_php.c", c, o, "TAKE2", "2", "2", "walk",
              "server config,virtual host,directory" + (",.htaccess" if o != "None" else ""), "docs", d, ""]
             for n, c, o, d in php]
    rows.append(["PHPINIDir", "php_module", "mod_php.c", "server", "None", "TAKE1", "1", "1", "walk",
                 "server config", "docs", "Directory containing the php.ini file", ""])
    return rows


if __name__ == "__main__":
    main()
