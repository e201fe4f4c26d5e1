#!/usr/bin/env bash
# Builds the generated crate and the driver with Debian's cargo and Debian's crates (librust-*-dev, in
# /usr/share/cargo/registry), offline. Debian packages older versions than the generated Cargo.toml asks for
# (reqwest 0.11 rather than 0.13, ...) and no serde_with: CI pins the dependencies to Debian's and uses a
# stand-in for serde_with's double_option. A user with crates.io builds the crate as generated (`cargo build`).
set -euo pipefail
cargo=/usr/bin/cargo; [ -x "$cargo" ] || cargo=cargo
# The compiled crates are kept across builds and clones (as ~/.m2 keeps jars): Debian's crates, the bulk,
# are compiled once per machine; the generated crate and the driver again when they change. Cargo locks it.
export CARGO_HOME="$CLIENTS_DIR/rust-cargo-home"
export CARGO_TARGET_DIR="${REMOTE_CACHE_CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/remote-cache-contract/rust-target}"
mkdir -p "$CARGO_HOME"
cat > "$CARGO_HOME/config.toml" <<CONFIG
[source.crates-io]
replace-with = "debian"
[source.debian]
directory = "/usr/share/cargo/registry"
[net]
offline = true
CONFIG
cp Cargo.toml Cargo.toml.generated
sed -n '1,/^\[dependencies\]/p' Cargo.toml.generated > Cargo.toml
cat >> Cargo.toml <<DEPS
serde = { version = "1", features = ["derive"] }
serde_with = { path = "$DRIVER_DIR/serde_with" }
serde_json = "1"
serde_repr = "0.1"
url = "2"
uuid = { version = "1", features = ["serde"] }
tokio = { version = "1", features = ["fs"] }
tokio-util = { version = "0.7", features = ["codec"] }
reqwest = { version = "0.11", default-features = false, features = ["json", "multipart", "stream"] }
DEPS
rm -rf driver && mkdir -p driver/src && cp "$DRIVER_DIR/driver/Cargo.toml" driver/ && cp "$DRIVER_DIR/driver/src/main.rs" driver/src/
(cd driver && "$cargo" build --offline) # a debug build: compiles faster, and the driver is no benchmark
cp "$CARGO_TARGET_DIR/debug/remotecache-driver" .
