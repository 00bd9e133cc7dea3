<?php
// Differential oracle: reads a JSON list of base64 INI texts (argv[1]) and prints, for each, what
// parse_ini_string(text, true, INI_SCANNER_NORMAL) and (…, INI_SCANNER_RAW) return, as JSON.
$cases = json_decode(file_get_contents($argv[1]), true);
$out = [];
foreach ($cases as $b64) {
    $text = base64_decode($b64);
    $row = [];
    foreach (['normal' => INI_SCANNER_NORMAL, 'raw' => INI_SCANNER_RAW] as $name => $mode) {
        error_clear_last();
        $result = @parse_ini_string($text, true, $mode);
        $error = error_get_last();
        $row[$name] = json_encode($result, JSON_INVALID_UTF8_SUBSTITUTE);
        $row[$name . 'Error'] = $error ? trim($error['message']) : null;
    }
    // process_sections = false: sections are not nested, entries of every section land at the top.
    error_clear_last();
    $row['flat'] = json_encode(@parse_ini_string($text, false, INI_SCANNER_NORMAL), JSON_INVALID_UTF8_SUBSTITUTE);
    $out[] = $row;
}
echo json_encode($out, JSON_INVALID_UTF8_SUBSTITUTE);
