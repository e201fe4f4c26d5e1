#!/usr/bin/env bash
# Debian's cpprestsdk (libcpprest-dev), Boost and g++: the generated CMake project, plus the driver linked to it.
set -euo pipefail
# With ccache, the compiled objects are kept across builds and clones (as the Rust crates are): the generated
# sources change only with the spec or the generator, and compiling them is most of this language's time.
launcher=()
if command -v ccache >/dev/null; then
  export CCACHE_DIR="${REMOTE_CACHE_CCACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/remote-cache-contract/ccache}"
  # Paths under the checkout are hashed relative to the build folder: another clone's objects fit too.
  CCACHE_BASEDIR="$(git -C "$DRIVER_DIR" rev-parse --show-toplevel 2>/dev/null || echo "$PWD")"
  export CCACHE_BASEDIR
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  ccache --zero-stats >/dev/null
fi
cmake -S "$DRIVER_DIR" -B build -DCLIENT_DIR="$PWD" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 "${launcher[@]}" # fastest to compile; the driver is no benchmark
cmake --build build -j "$(nproc)"
if [ ${#launcher[@]} -gt 0 ]; then echo "ccache ($CCACHE_DIR):"; ccache --show-stats | grep -E '^ *(Hits|Misses)' || true; fi
