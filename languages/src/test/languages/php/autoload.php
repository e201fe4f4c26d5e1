<?php
// What composer's autoloader does for the generated package, with Debian's Guzzle (no composer here):
// Guzzle from /usr/share/php, the client's classes by its composer.json PSR-4 root.
require_once 'GuzzleHttp/autoload.php';
require_once 'GuzzleHttp/Psr7/autoload.php';
require_once 'GuzzleHttp/Promise/autoload.php';

$composer = json_decode(file_get_contents(getcwd() . '/composer.json'), true);
foreach ($composer['autoload']['psr-4'] as $prefix => $dir) {
    spl_autoload_register(function (string $class) use ($prefix, $dir) {
        if (str_starts_with($class, $prefix)) {
            $file = getcwd() . '/' . $dir . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if (is_file($file)) {
                require $file;
            }
        }
    });
}
