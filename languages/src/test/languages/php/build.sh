#!/usr/bin/env bash
# Every generated file parses, and the package's composer.json is valid JSON naming its PSR-4 root.
set -euo pipefail
for f in $(find lib -name '*.php'); do php -l "$f" >/dev/null; done
php -r '$c = json_decode(file_get_contents("composer.json"), true, 512, JSON_THROW_ON_ERROR); exit(isset($c["autoload"]["psr-4"]) ? 0 : 1);'
