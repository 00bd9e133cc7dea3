#!/bin/sh
# Regenerates src/ConfLint/Syntax/Ini/php-directives.tsv. Needs PHP 8.2 with the common extensions:
#   apt-get install -y php8.2-mysql php8.2-pgsql php8.2-sqlite3 php8.2-odbc php8.2-ldap php8.2-soap \
#     php8.2-tidy php8.2-intl php8.2-gd php8.2-curl php8.2-mbstring php8.2-xml php8.2-zip \
#     php8.2-bcmath php8.2-opcache php8.2-readline
# `-c /dev/null` keeps php.ini's values out of the defaults while Debian's conf.d still loads every
# installed extension. Run from the repository root (next to ../shared/corpus).
set -eu
PHP=${PHP:-php8.2}
OUT=src/ConfLint/Syntax/Ini/php-directives.tsv
PHP_CGI=${PHP_CGI:-php-cgi8.2}
CGI_TSV=$(mktemp)
CGI_SCRIPT=$(mktemp --suffix=.php)
trap 'rm -f "$CGI_TSV" "$CGI_SCRIPT"' EXIT
echo '<?php foreach (ini_get_all(null, true) as $n => $i) echo $n, "\t", $i["access"], "\t", str_replace(["\t", "\n"], " ", (string)$i["global_value"]), "\n";' > "$CGI_SCRIPT"
if command -v "$PHP_CGI" >/dev/null; then "$PHP_CGI" -c /dev/null -q -f "$CGI_SCRIPT" > "$CGI_TSV"; fi
"$PHP" -c /dev/null scripts/gen-php-directives.php ../shared/corpus/php-src "$CGI_TSV" > "$OUT"
echo "wrote $(grep -vc '^#' "$OUT") directives to $OUT"
