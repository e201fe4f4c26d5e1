#!/usr/bin/env bash
# Debian's php-cli with its Guzzle 7 (php-guzzlehttp-guzzle); no composer: autoload.php loads both.
exec php "$DRIVER_DIR/driver.php" "$@"
