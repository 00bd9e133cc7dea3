<?php
// Generates src/ConfLint/Syntax/Ini/php-directives.tsv, ConfLint's dictionary of php.ini directives.
//
// Sources, in this order (the first one naming a directive wins):
//   1. ini_get_all() of PHP 8.2 with every installed extension loaded (run by
//      scripts/gen-php-directives.sh as `php -c /dev/null`, so php.ini does not change the defaults
//      and Debian's conf.d loads the extensions); the extension is the module that registered it;
//   1b. directives only php-cgi registers (cgi.*, fastcgi.*), dumped by php-cgi -c /dev/null;
//   2. scripts/php-directives-pecl.tsv: common PECL/third-party extensions not installed here;
//   3. directive names used (set or commented out) in php-src's php.ini-production/-development;
//   4. scripts/php-directives-legacy.tsv: directives older PHP versions or old opcode caches read,
//      with the version that removed them.
//
// Type inference (documented in rules/CL4004.md): scripts/php-directives-overrides.tsv first; then
// from the default value: "<digits>K/M/G" → size; "", "0" or "1" → bool unless the name says it
// counts something (max, limit, size, level, timeout, …) → int; other integers → int; names of
// files and directories → path; everything else → string.
//
// Usage: php gen-php-directives.php CORPUS_PHP_SRC_DIR [PHP_CGI_DIRECTIVES_TSV] > php-directives.tsv

$phpSrc = $argv[1] ?? '../shared/corpus/php-src';
$here = __DIR__;

function readTsv(string $file): array {
    $rows = [];
    foreach (file($file, FILE_IGNORE_NEW_LINES) as $line) {
        if ($line === '' || $line[0] === '#') continue;
        $rows[] = explode("\t", $line);
    }
    return $rows;
}

$overrides = [];
foreach (readTsv("$here/php-directives-overrides.tsv") as $r) $overrides[$r[0]] = [$r[1], $r[2] ?? ''];

function accessName(int $access): string {
    if ($access === 7) return 'ALL';
    if ($access & 2) return 'PERDIR';
    if ($access & 1) return 'USER';
    return 'SYSTEM';
}

function inferType(string $name, ?string $default, array $overrides): array {
    if (isset($overrides[$name])) return $overrides[$name];
    $default = $default ?? '';
    $last = substr($name, strrpos($name, '.') === false ? 0 : strrpos($name, '.') + 1);
    $counts = '/max|min|limit|size|level|depth|probability|divisor|timeout|lifetime|port|precision|len|count|ttl|interval|freq|bits|number|nesting|capacity|children|links|persistent|expire|buffer|window|num|retries|consumption|files|hint|cache_limit/';
    if (preg_match('/^\d+[KMG]$/i', $default)) return ['size', ''];
    if (in_array($default, ['', '0', '1'], true) && !preg_match($counts, $last)) {
        if ($default !== '' || preg_match('/^(enable|allow|use_|auto|display|log_|report|ignore|check|strict|is_|html)|_(enabled?|errors)$/', $last)) return ['bool', ''];
    }
    if (preg_match('/^-?\d+$/', $default)) return ['int', ''];
    if (preg_match('/(_dir|_path|_file|filename|cafile|capath|^error_log|_log)$/', $last)) return ['path', ''];
    return ['string', ''];
}

$rows = [];
$byModule = [];
foreach (array_merge(get_loaded_extensions(), get_loaded_extensions(true)) as $ext) {
    $all = @ini_get_all($ext, true);
    if (!is_array($all)) continue;
    foreach ($all as $name => $info) $byModule[$name] ??= $ext;
}
foreach (ini_get_all(null, true) as $name => $info) {
    [$type, $values] = inferType($name, $info['global_value'], $overrides);
    $rows[$name] = [$name, $type, accessName($info['access']), $byModule[$name] ?? 'Core', $info['global_value'] ?? '', '', $values, 'php ' . PHP_VERSION];
}
// Directives only the CGI/FastCGI SAPI registers (cgi.*, fastcgi.*), dumped by php-cgi (argv[2]).
if (isset($argv[2]) && is_file($argv[2])) {
    foreach (readTsv($argv[2]) as $r) {
        if (isset($rows[$r[0]])) continue;
        [$type, $values] = inferType($r[0], $r[2] ?? '', $overrides);
        $rows[$r[0]] = [$r[0], $type, accessName((int)$r[1]), 'cgi', $r[2] ?? '', '', $values, 'php-cgi ' . PHP_VERSION];
    }
}
foreach (readTsv("$here/php-directives-pecl.tsv") as $r) {
    if (isset($rows[$r[0]])) continue;
    $rows[$r[0]] = [$r[0], $r[1], $r[2], $r[3], $r[4] ?? '', '', $overrides[$r[0]][1] ?? '', 'pecl'];
}
foreach (['php.ini-production', 'php.ini-development'] as $file) {
    $path = "$phpSrc/$file";
    if (!is_file($path)) continue;
    foreach (file($path, FILE_IGNORE_NEW_LINES) as $line) {
        if (!preg_match('/^;?\s*([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*)\s*=\s*(.*)$/i', $line, $m)) continue;
        $name = $m[1];
        if (isset($rows[$name]) || strlen($name) < 4 || !preg_match('/[._]/', $name)) continue;
        $value = trim(preg_replace('/\s*;.*$/', '', $m[2]), " \"");
        [$type, $values] = inferType($name, preg_match('/^(on|off)$/i', $value) ? '1' : $value, $overrides);
        $ext = strpos($name, '.') !== false ? substr($name, 0, strpos($name, '.')) : 'Core';
        $rows[$name] = [$name, $type, 'SYSTEM', $ext, '', '', $values, $file];
    }
}
foreach (readTsv("$here/php-directives-legacy.tsv") as $r) {
    if (isset($rows[$r[0]])) continue;
    $rows[$r[0]] = [$r[0], $r[1], 'SYSTEM', $r[2], '', $r[3], '', $r[4] ?? 'legacy'];
}
ksort($rows, SORT_STRING);
echo "# php.ini directives: name, type, changeable, extension, default, removed in, enum values, source\n";
echo "# generated by scripts/gen-php-directives.sh from PHP ", PHP_VERSION, " with: ", implode(' ', get_loaded_extensions()), "\n";
foreach ($rows as $row) {
    echo implode("\t", array_map(fn($v) => strtr((string)$v, ["\\" => "\\\\", "\t" => "\\t", "\n" => "\\n", "\r" => "\\r"]), $row)), "\n";
}
