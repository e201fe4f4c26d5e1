package dev.remotecache.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The npm packages the interop tests run (pinned in src/test/interop/package.json), installed once
 * into target/interop, never globally.
 */
final class InteropPackages {

  static final Path SOURCES = Path.of("src/test/interop");
  static final Path DIR = Path.of("target/interop").toAbsolutePath();

  private InteropPackages() {}

  /** Installs the packages unless this package.json was installed already; returns the folder. */
  static synchronized Path install() throws Exception {
    Files.createDirectories(DIR);
    for (String file :
        List.of("package.json", "package-lock.json", "sdk-flow.mjs", "wiremock-stubs.mjs")) {
      Files.copy(SOURCES.resolve(file), DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    Path installed = DIR.resolve("node_modules/.installed-package.json");
    if (!Files.exists(installed) || Files.mismatch(installed, DIR.resolve("package.json")) != -1) {
      // npm install, not npm ci: npm writes lock files that miss other platforms' turbo binaries,
      // which ci refuses.
      Commands.succeed(DIR, Map.of(), 600, "npm", "install", "--no-audit", "--no-fund");
      Files.copy(DIR.resolve("package.json"), installed, StandardCopyOption.REPLACE_EXISTING);
    }
    return DIR;
  }

  static Path bin(String name) {
    return DIR.resolve("node_modules/.bin").resolve(name);
  }
}
