#!/usr/bin/env bash
# Debian's cpprestsdk (libcpprest-dev), Boost and g++: the generated CMake project, plus the driver linked to it.
set -euo pipefail
cmake -S "$DRIVER_DIR" -B build -DCLIENT_DIR="$PWD" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 # fastest to compile; the driver is no benchmark
cmake --build build -j "$(nproc)"
