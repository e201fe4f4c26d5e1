#!/usr/bin/env bash
# Lays out the mock's container image as a folder, which Jib then packs FROM scratch (mvn package -Pimage):
#   /usr/lib/jvm            a Java runtime jlinked from a JDK 25+ (only the modules the mock uses)
#   /lib/x86_64-linux-gnu   glibc and libgcc_s from Debian's packages (the runtime needs nothing else)
#   /etc/passwd, /etc/group a non-root user, mock (65532)
#   /app                    the standalone jar, the JVM options file, the AOT cache
#   /tmp, /data             writable by anyone (/data: the folder for --storage on a volume)
#
# The AOT cache is trained by the image's own java at the image's own paths with the image's JVM options,
# in a chroot of the folder (root only): the JVM refuses a cache whose runtime, jar, paths or options differ. Its bytes differ on every training, so an image with it is not bit-for-bit
# reproducible; AOT_SKIP=true (mvn -Dremotecache.aot.skip=true) leaves it out.
#
# Environment: MOCK_JAR (the standalone jar), OUT (module target folder), TIMESTAMP (ISO-8601, the
# build's outputTimestamp), AOT_SKIP (true/false), IMAGE_JDK (optional: the JDK to jlink from).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${MOCK_JAR:?}" "${OUT:?}" "${TIMESTAMP:?}"
AOT_SKIP=${AOT_SKIP:-false}
root="$OUT/image-root"
work="$OUT/image-work"
mkdir -p "$work" "$OUT/classes" # Jib wants a classes folder, even an empty one

say() { echo "[image] $*"; }
die() { echo "[image] ERROR: $*" >&2; exit 1; }

[ -f "$MOCK_JAR" ] || die "no standalone jar at $MOCK_JAR: build mock-server first (./mvnw -Pimage package)"
[ "$(uname -m)" = x86_64 ] || die "the image is built for x86_64 (linux/amd64) only; this machine is $(uname -m)"

# --- the JDK to jlink from: IMAGE_JDK, else the newest 25+ in JAVA_HOME or /usr/lib/jvm ---------------
feature() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n1; }
jdk=${IMAGE_JDK:-}
if [ -z "$jdk" ]; then
  best=0
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/jlink" ] || continue
    v=$(feature "$candidate"); v=${v:-0}
    if [ "$v" -ge 25 ] && [ "$v" -gt "$best" ]; then jdk=$candidate; best=$v; fi
  done
fi
[ -n "$jdk" ] && [ -x "$jdk/bin/jlink" ] || die "no JDK 25+ with jlink found (JAVA_HOME, /usr/lib/jvm/*); set -Dimage.jdk=/path/to/jdk-25"
runtime_version=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$jdk/release")
[ -n "$runtime_version" ] || die "$jdk/release names no JAVA_RUNTIME_VERSION"

# --- the runtime: jlinked once per JDK build and module list ----------------------------------------
# The modules jdeps finds in the jar (--print-module-deps --ignore-missing-deps --multi-release 25), plus
# those loaded by name or as services, which jdeps cannot see (zipfs, crypto.ec, localedata, management).
modules=java.base,java.compiler,java.desktop,java.instrument,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.sql,jdk.unsupported,jdk.zipfs,jdk.management,jdk.crypto.ec,jdk.localedata
stamp="$runtime_version $modules"
if [ "$(cat "$work/runtime.stamp" 2>/dev/null)" != "$stamp" ]; then
  say "jlink: a runtime from $jdk ($runtime_version)"
  rm -rf "$work/runtime" "$work/runtime.stamp"
  # JAVA_RUNTIME_VERSION is not written by jlink; the mock's launcher names the AOT cache after it.
  "$jdk/bin/jlink" --add-modules "$modules" --generate-cds-archive --strip-debug --no-header-files \
    --no-man-pages --release-info "add:JAVA_RUNTIME_VERSION=\"$runtime_version\"" --output "$work/runtime" >/dev/null
  echo "$stamp" > "$work/runtime.stamp"
fi

# --- glibc and libgcc_s from Debian's packages (downloaded, not installed) --------------------------
debs="$work/debs"
mkdir -p "$debs"
packages=(libc6 libgcc-s1 gcc-12-base)
if ! ls "$debs"/libc6_*.deb >/dev/null 2>&1; then
  say "apt-get download ${packages[*]}"
  sandbox=(); [ "$(id -u)" = 0 ] && sandbox=(-o APT::Sandbox::User=root) # root: no _apt user that cannot write here
  (cd "$debs" && apt-get download -q "${sandbox[@]}" "${packages[@]}" >/dev/null) \
    || { [ "$(id -u)" = 0 ] && say "apt-get update, then again" && apt-get update -qq \
         && (cd "$debs" && apt-get download -q "${sandbox[@]}" "${packages[@]}" >/dev/null); } \
    || die "apt-get download ${packages[*]} failed (a Debian 12 machine with apt is needed; as root, run apt-get update first)"
fi
rm -rf "$work/debs-x" && mkdir -p "$work/debs-x"
for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$work/debs-x"; done

# What the image carries besides the jar, for its SBOM (the release adds it to the Maven one).
licence_of() { case "$1" in libc6) echo "LGPL-2.1-or-later";; *) echo "GPL-3.0-or-later WITH GCC-exception-3.1";; esac; }
{
  printf '[{"type":"platform","name":"temurin-runtime-jlinked","version":"%s","supplier":{"name":"Eclipse Adoptium"},' "$runtime_version"
  printf '"description":"Java runtime made by jlink (%s)","licenses":[{"expression":"GPL-2.0-only WITH Classpath-exception-2.0"}]}' "${modules//,/ }"
  for deb in "$debs"/*.deb; do
    name=$(dpkg-deb -f "$deb" Package); version=$(dpkg-deb -f "$deb" Version)
    printf ',{"type":"library","name":"%s","version":"%s","purl":"pkg:deb/debian/%s@%s?arch=amd64&distro=debian-12","licenses":[{"expression":"%s"}]}' \
      "$name" "$version" "$name" "${version//+/%2B}" "$(licence_of "$name")"
  done
  printf ']\n'
} > "$work/components.json"

# --- the image's file system ------------------------------------------------------------------------
rm -rf "$root"
mkdir -p "$root/usr/lib" "$root/lib/x86_64-linux-gnu" "$root/lib64" "$root/etc" "$root/app" \
  "$root/tmp" "$root/data" "$root/home/mock" "$root/usr/share/doc"
cp -a "$work/runtime" "$root/usr/lib/jvm"
for lib in ld-linux-x86-64.so.2 libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libgcc_s.so.1; do
  found=$(find "$work/debs-x" -name "$lib" -path '*/x86_64-linux-gnu/*' | head -n1)
  [ -n "$found" ] || die "no $lib in the Debian packages ${packages[*]}"
  cp -L "$found" "$root/lib/x86_64-linux-gnu/$lib"
done
cp -L "$root/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" "$root/lib64/ld-linux-x86-64.so.2"
for pkg in "${packages[@]}"; do
  mkdir -p "$root/usr/share/doc/$pkg"
  cp "$work/debs-x/usr/share/doc/$pkg/copyright" "$root/usr/share/doc/$pkg/copyright"
done
printf 'root:x:0:0:root:/root:/sbin/nologin\nmock:x:65532:65532:remote-cache-mock:/home/mock:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nmock:x:65532:\n' > "$root/etc/group"
cp "$MOCK_JAR" "$root/app/remote-cache-mock.jar"
# Jib reuses a cached layer when its files' paths and modification times are unchanged, whatever their
# content: with this folder laid anew each time, start from no cache so that the image has this jar.
rm -rf "$OUT/jib-cache"

# --- the JVM options the entrypoint reads: the image's defaults, from the jar itself ------------------
# Written before the training, which runs with them: the JVM accepts a cache only with the options
# it was trained with (the collector among them).
jvm_options() { "$jdk/bin/java" -cp "$MOCK_JAR" "$here/ImageJvmOptions.java" "$(feature "$jdk")" "$root/app/jvm.options" "$@"; }
jvm_options
options_sum=$(sha256sum "$root/app/jvm.options" | cut -d' ' -f1)

# --- the AOT cache, trained in a chroot of the folder ------------------------------------------------
aot_option=()
jar_sum=$(sha256sum "$MOCK_JAR" | cut -d' ' -f1)
if [ "$AOT_SKIP" != true ]; then
  # The same jar, runtime and options as last time: the cache trained then still fits (training takes ~15-30 s).
  if [ -f "$work/aot/cache" ] && [ "$(cat "$work/aot/stamp" 2>/dev/null)" = "$jar_sum $stamp $options_sum $TIMESTAMP" ]; then
    say "AOT cache: the jar and runtime are unchanged, reusing the one trained before"
  elif [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
    say "WARNING: no AOT cache in the image: training it needs root (a chroot); the image starts without it"
  else
    say "AOT cache: training in a chroot of the image"
    rm -rf "$work/aot"
    mkdir -p "$root/proc" "$root/dev" "$work/aot"
    # A private mount namespace: /proc and /dev are bound for the training only and vanish with it.
    unshare --mount --fork bash -c '
      set -e
      mount --make-rprivate /
      mount --rbind /proc "$1/proc"
      mount --rbind /dev "$1/dev"
      chroot "$1" /usr/lib/jvm/bin/java @/app/jvm.options -Dremotecache.trainCache=true -jar /app/remote-cache-mock.jar' _ "$root" \
      || die "AOT training in the image failed (see above)"
    rmdir "$root/proc" "$root/dev"
    rm -rf "$root/tmp/"* "$root/root"
    trained="$root/app/remote-cache-mock.$runtime_version.aot"
    # The training's record of the jar it ran (its time included) is for the launcher's lookup
    # beside a jar; the image names its cache in jvm.options, and stays reproducible without it.
    rm -f "$trained.jar.sha256"
    if [ -f "$trained" ]; then
      mv "$trained" "$work/aot/cache"
      echo "$jar_sum $stamp $options_sum $TIMESTAMP" > "$work/aot/stamp"
    else
      say "WARNING: the training wrote no AOT cache; the image starts without one"
    fi
  fi
  if [ -f "$work/aot/cache" ]; then
    cp "$work/aot/cache" "$root/app/remote-cache-mock.aot"
    aot_option=(/app/remote-cache-mock.aot)
  fi
fi

[ ${#aot_option[@]} = 0 ] || jvm_options "${aot_option[@]}" # the same options, then the cache

# --- the image without its AOT cache, whose bytes differ on every training: Jib packs it too (its digest in
# target/reproducible/), and a rebuild with -Dremotecache.aot.skip=true must give that digest (.ci/reproducible-test.sh).
# With AOT_SKIP=true the image itself is that one.
rm -rf "$OUT/image-root-reproducible"
[ "$AOT_SKIP" = true ] || cp -a "$root" "$OUT/image-root-reproducible"
if [ ${#aot_option[@]} != 0 ]; then
  rm "$OUT/image-root-reproducible/app/remote-cache-mock.aot"
  "$jdk/bin/java" -cp "$MOCK_JAR" "$here/ImageJvmOptions.java" "$(feature "$jdk")" "$OUT/image-root-reproducible/app/jvm.options"
fi
say "image root ready: $(du -sh "$root" | cut -f1), AOT cache: ${aot_option[*]:-none}"
