<?php
// Extracts INI texts from PHP's .phpt tests (argv[1..]): the --INI-- section, and every string
// literal or variable-free heredoc/nowdoc of the --FILE-- section that looks like INI text (has
// a '=' or a '[' and a line break or a '='). Prints a JSON list of {file, text}.
$out = [];
foreach (array_slice($argv, 1) as $file) {
    $phpt = file_get_contents($file);
    if (preg_match('/^--INI--\r?\n(.*?)^--[A-Z_]+--/ms', $phpt, $m)) {
        $out[] = ['file' => basename($file) . '#INI', 'text' => $m[1]];
    }
    if (!preg_match('/^--FILE--\r?\n(.*?)(?=^--[A-Z_]+--\r?$)/ms', $phpt, $m)) continue;
    $tokens = @token_get_all($m[1]);
    $n = 0;
    for ($i = 0; $i < count($tokens); $i++) {
        $t = $tokens[$i];
        $literal = null;
        if (is_array($t) && $t[0] === T_CONSTANT_ENCAPSED_STRING) {
            $literal = $t[1];
        } elseif (is_array($t) && $t[0] === T_START_HEREDOC) {
            $code = $t[1];
            $plain = true;
            for ($j = $i + 1; $j < count($tokens); $j++) {
                $u = $tokens[$j];
                $code .= is_array($u) ? $u[1] : $u;
                if (is_array($u) && $u[0] === T_END_HEREDOC) break;
                if (!is_array($u) || $u[0] !== T_ENCAPSED_AND_WHITESPACE) $plain = false;
            }
            $i = $j;
            if ($plain) $literal = $code . "\n";
        }
        if ($literal === null) continue;
        try { $value = eval('return ' . $literal . ';'); } catch (Throwable $e) { continue; }
        if (!is_string($value) || strpos($value, '=') === false) continue;
        $out[] = ['file' => basename($file) . '#' . (++$n), 'text' => $value];
    }
}
echo json_encode($out, JSON_INVALID_UTF8_SUBSTITUTE);
