#!/usr/bin/env python3
"""Benchmark: ConfLint's whole-host lint against `apache2 -t` on the same generated fleet.

Generates a host tree with N virtual hosts (each with its suexec user, a /./ jail holding
html/, cgi/php-wrapper, etc/php.ini, usr/bin/php-fcgi, tmp/ and, as root, dev/null), the three
PHP backends mixed (mod_fastcgi in <IfModule mod_fastcgi.c>, mod_fcgid, mod_proxy_fcgi + one
PHP-FPM pool per site), set up as the FAQ says, so that ConfLint finds nothing to report; then
runs, side by side and several times each:

  apache2 -t -d TREE/etc/apache2 -f TREE/etc/apache2/apache2.conf
  conflint lint --root TREE --module mod_fastcgi.c TREE        (the program, as installed: the launcher's build)
  ./conflint lint --root TREE --module mod_fastcgi.c TREE      (the same through the checkout's launcher)

The configuration names host paths under /srv (jails /srv/www/NN/site, sockets /srv/run). ConfLint
reads them under --root; httpd, which has no sysroot, reads them at /srv. So the script runs in a
private mount namespace of its own (it re-runs itself under `unshare -m`, as root) where TREE/srv is
bind-mounted on /srv once per fleet, and each command is then started directly: what is timed is
apache2 -t alone, not the namespace set-up. The fleet's users reach httpd through libnss_wrapper.

It prints the median wall time and the peak resident memory of each (as the kernel counts it for
the process), the commands taking turns after untimed runs of each (three up to 2,000 sites, one
above), and the ratio of ConfLint's median to apache2's; then the --stats line of one more run of
the program (files read, time, memory allocated, garbage collections).
The program runs right after apache2 -t, the launcher right after the program. On a VM whose
hypervisor takes back memory a guest has freed (free page reporting), memory first touched after
a pause of a second or more (apache2 -t at 10,000 sites takes three) costs more than memory a
process freed just before: at 10,000 sites the program's turn pays for that, the launcher's not.
ConfLint does strictly more: it also reads passwd, wrappers, php.ini, FPM pools and walks every
jail on disk. Usage: scripts/bench/fleet.py [N ...]   (default: 1000 10000)
"""
import os
import shutil
import stat
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MODULES = "/usr/lib/apache2/modules"


def write(path, text, mode=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    if mode is not None:
        os.chmod(path, mode)


def make_runtime_directories(jail):
    """/tmp (1777) and, as root, /dev/null: what the FAQ's jails hold (examples/faq-chroot/prepare-jail.sh)."""
    os.makedirs(f"{jail}/tmp", exist_ok=True)
    os.chmod(f"{jail}/tmp", 0o1777)
    os.makedirs(f"{jail}/dev", exist_ok=True)
    if os.geteuid() == 0 and not os.path.exists(f"{jail}/dev/null"):
        os.mknod(f"{jail}/dev/null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        os.chmod(f"{jail}/dev/null", 0o666)


def generate(root, n):
    etc = os.path.join(root, "etc")
    loads = ["mpm_event", "authz_core", "alias", "mime", "actions", "dir", "suexec", "fcgid", "proxy", "proxy_fcgi", "cgid"]
    main = ["Listen 127.0.0.1:8099", "PidFile /srv/run/httpd.pid", "DefaultRuntimeDir /srv/run", "ServerName localhost",
            "User www-data", "Group www-data", "ErrorLog /srv/error.log"]
    main += [f"LoadModule {m}_module {MODULES}/mod_{m}.so" for m in loads]
    main += ["<IfModule mod_fastcgi.c>", "    FastCgiWrapper /usr/local/apache2/bin/suexec-fcgi", "</IfModule>",
             "DocumentRoot /srv/www", "IncludeOptional sites-enabled/*.conf", ""]
    write(f"{etc}/apache2/apache2.conf", "\n".join(main))
    for m in loads:  # ConfLint checks LoadModule files under --root
        write(f"{root}{MODULES}/mod_{m}.so", "")
    os.makedirs(f"{root}/srv/run", exist_ok=True)
    os.makedirs(f"{root}/srv/www", exist_ok=True)
    passwd = ["root:x:0:0:root:/root:/bin/sh", "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin"]
    group = ["root:x:0:", "www-data:x:33:"]
    pools = ["[global]", "pid = /srv/run/php-fpm.pid", "error_log = /srv/php-fpm.log", ""]
    write(f"{root}/usr/local/apache2/bin/suexec-fcgi", "#!/bin/sh\n", 0o755)
    for i in range(n):
        name, user, uid = f"site{i}.example.com", f"u{i}", 10000 + i
        jail = f"/srv/www/{i % 100:02d}/{name}"
        real_jail = root + jail
        passwd.append(f"{user}:x:{uid}:{uid}::{jail}/./home/{user}:/bin/sh")
        group.append(f"{user}:x:{uid}:")
        write(f"{real_jail}/html/index.php", "<?php echo 1;\n")
        write(f"{real_jail}/etc/php.ini", 'doc_root = "/html"\ncgi.fix_pathinfo = 0\nopen_basedir = "/html:/tmp"\n'
              'disable_functions = exec,system,passthru,shell_exec,proc_open,popen\n')
        make_runtime_directories(real_jail)
        write(f"{real_jail}/usr/bin/php-fcgi", "(php-cgi)\n", 0o755)
        write(f"{real_jail}/bin/sh", "(sh)\n", 0o755)
        kind = i % 3
        # mod_fcgid sends one request at a time to each process: its wrappers start no PHP children.
        children = "" if kind == 1 else "PHP_FCGI_CHILDREN=3\nexport PHP_FCGI_CHILDREN\n"
        write(f"{real_jail}/cgi/php-wrapper",
              f"#!/bin/sh\nPHPRC=/etc\nexport PHPRC\n{children}PHP_FCGI_MAX_REQUESTS=500\nexport PHP_FCGI_MAX_REQUESTS\nexec /usr/bin/php-fcgi\n", 0o755)
        lines = ["<VirtualHost 127.0.0.1:8099>", f"    ServerName {name}", f"    DocumentRoot {jail}/html"]
        if kind == 0:
            lines += [f"    SuexecUserGroup {user} {user}", "    <IfModule mod_fastcgi.c>",
                      f"        ScriptAlias /cgi/ {jail}/cgi/", '        <FilesMatch "\\.php$">', "            SetHandler php-fastcgi",
                      "        </FilesMatch>", "        <Location /cgi/php-wrapper>", "            SetHandler fastcgi-script",
                      "        </Location>", "        Action php-fastcgi /cgi/php-wrapper", "    </IfModule>"]
        elif kind == 1:
            lines += [f"    SuexecUserGroup {user} {user}", "    FcgidMaxRequestsPerProcess 500", f"    <Directory {jail}/html>",
                      "        Options +ExecCGI", '        <FilesMatch "\\.php$">', "            SetHandler fcgid-script", "        </FilesMatch>",
                      f"        FcgidWrapper {jail}/cgi/php-wrapper .php", "    </Directory>"]
        else:
            sock = f"/srv/run/php-{i}.sock"
            lines += ['    ProxyFCGISetEnvIf "true" SCRIPT_FILENAME "/html%{reqenv:SCRIPT_NAME}"', '    <FilesMatch "\\.php$">',
                      f'        SetHandler "proxy:unix:{sock}|fcgi://localhost"', "    </FilesMatch>"]
            pools += [f"[{user}]", f"user = {user}", f"group = {user}", f"listen = {sock}", "pm = ondemand", "pm.max_children = 3",
                      f"chroot = {jail}", "chdir = /", "php_admin_value[open_basedir] = /html:/tmp", ""]
        lines += ["</VirtualHost>", ""]
        write(f"{etc}/apache2/sites-enabled/{name}.conf", "\n".join(lines))
    write(f"{etc}/passwd", "\n".join(passwd) + "\n")
    write(f"{etc}/group", "\n".join(group) + "\n")
    write(f"{etc}/php/8.2/fpm/php-fpm.conf", "\n".join(pools))


def measure(cmd, env=None):
    """Runs cmd; returns (seconds, peak RSS in MB, exit code). The wall time is taken here, around starting the program and
    waiting for it; the peak comes from the kernel's accounting of that process (wait4's ru_maxrss, what GNU time -v
    prints), so nothing else runs between the two programs and the clock."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, process.returncode


def program_of_build():
    """The program the launcher built (.conflint-build): the native binary, else the JIT build run by dotnet."""
    out = os.path.join(REPO, ".conflint-build")
    if os.path.exists(os.path.join(out, "conflint-cli.dll")):
        return ["dotnet", os.path.join(out, "conflint-cli.dll")]
    return [os.path.join(out, "conflint-cli")]


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    if os.environ.get("CONFLINT_FLEET_NAMESPACE") != "1":
        # One private mount namespace for the whole run: /srv can then be bound once per fleet, outside the timings.
        env = dict(os.environ, CONFLINT_FLEET_NAMESPACE="1")
        os.execvpe("unshare", ["unshare", "-m", "--propagation", "private", sys.executable, os.path.abspath(__file__)] + sys.argv[1:], env)
    launcher = [os.path.join(REPO, "conflint")]
    subprocess.run(launcher + ["rules"], stdout=subprocess.DEVNULL, check=True)  # builds once
    # The launcher sets the youngest generation's size (DOTNET_GCgen0size); the native program has it built in, and the JIT
    # build is given it here as the launcher would.
    lint_env = dict(os.environ)
    lint_env.setdefault("DOTNET_GCgen0size", "1000000")
    commands = [("conflint", os.environ["CONFLINT"].split() if os.environ.get("CONFLINT") else program_of_build()),
                ("./conflint", launcher)]
    print(f"{'N':>7} {'apache2 -t s':>13} {'MB':>6} {'conflint s':>11} {'MB':>6} {'ratio':>6} {'./conflint s':>13} {'ratio':>6} {'findings exit':>14}")
    for n in sizes:
        root = tempfile.mkdtemp(prefix=f"conflint-fleet-{n}-")
        try:
            generate(root, n)
            os.sync()  # the fleet's writeback would otherwise land in the middle of the timed runs
            subprocess.run(["mount", "--bind", f"{root}/srv", "/srv"], check=True)
            try:
                httpd_env = dict(os.environ, LD_PRELOAD="libnss_wrapper.so", NSS_WRAPPER_PASSWD=f"{root}/etc/passwd", NSS_WRAPPER_GROUP=f"{root}/etc/group")
                runs = 21 if n <= 2000 else 5
                httpd_cmd = ["apache2", "-t", "-d", f"{root}/etc/apache2", "-f", f"{root}/etc/apache2/apache2.conf"]
                lint_args = ["lint", "--root", root, "--module", "mod_fastcgi.c", "--format", "json", "--fail-on", "none", root]
                # Untimed runs of each read the tree into the kernel's caches (the first lints after the tree is written
                # are the slowest: they are the first to read the jails, which httpd never opens); then the commands take
                # turns, so that a change in the machine's speed during the run falls on all alike.
                for _ in range(3 if n <= 2000 else 1):
                    measure(httpd_cmd, httpd_env)
                    for _, cmd in commands:
                        measure(cmd + lint_args, lint_env)
                httpd, lints = [], {name: [] for name, _ in commands}
                for _ in range(runs):
                    httpd.append(measure(httpd_cmd, httpd_env))
                    for name, cmd in commands:
                        lints[name].append(measure(cmd + lint_args, lint_env))
                # One more run, untimed, for what the lint read and cost as the program itself counts it (--stats).
                stats = subprocess.run(commands[0][1] + lint_args + ["--stats"], env=lint_env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.PIPE, text=True).stderr.strip().splitlines()
            finally:
                subprocess.run(["umount", "/srv"], check=False)
            h = statistics.median(r[0] for r in httpd)
            c = statistics.median(r[0] for r in lints["conflint"])
            l = statistics.median(r[0] for r in lints["./conflint"])
            print(f"{n:>7} {h:>13.3f} {max(r[1] for r in httpd):>6.0f} {c:>11.3f} {max(r[1] for r in lints['conflint']):>6.0f} "
                  f"{c / h:>6.2f} {l:>13.3f} {l / h:>6.2f} {lints['conflint'][0][2]:>14}")
            if httpd[0][2] != 0:
                print(f"        (apache2 -t exited {httpd[0][2]}: the fleet is not valid for httpd)")
            print(f"        {stats[-1] if stats else '(no --stats line)'}")
        finally:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
