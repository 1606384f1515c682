#!/usr/bin/env bash
# Builds local stand-ins for the container images this project uses, for machines that cannot pull from a
# registry. Each honours the official image's contract, so the same Dockerfile, compose file and test
# fixture work with either:
#
#   multica-local/debian:bookworm    debootstrap --variant=minbase of the machine's Debian mirror, trusting
#                                    the certificate authorities the machine trusts
#   multica-local/postgres:15        postgres:15     POSTGRES_USER/PASSWORD/DB, port 5432, pg_isready
#   multica-local/redis:7            redis:7         port 6379, redis-cli
#   multica-local/nginx:stable       nginx           port 80, /etc/nginx/conf.d/*.conf
#   multica-local/prometheus:latest  prom/prometheus port 9090, /etc/prometheus/prometheus.yml
#   multica-local/dotnet-sdk:10.0    dotnet/sdk:10.0     the host's .NET SDK (/usr/share/dotnet)
#   multica-local/aspnet:10.0        dotnet/aspnet:10.0  its runtimes only; user "app" (APP_UID=1654), port 8080
#
# Usage: deploy/local-images.sh [all|test|server|compose]   (default: all)
#   test     debian, postgres, redis            (what the integration tests need)
#   server   debian, dotnet-sdk, aspnet         (what the Dockerfile needs)
#   compose  everything
# Images are cached: one is rebuilt only when its recipe (this script and its folder) changed, or with
# MULTICA_LOCAL_IMAGES_REBUILD=1. Needs a running Docker engine and, for the base, debootstrap (as root).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RECIPES="$HERE/local-images"
PREFIX=${MULTICA_LOCAL_IMAGE_PREFIX:-multica-local}
SUITE=bookworm
DOTNET_DIR=${DOTNET_ROOT:-/usr/share/dotnet}
CONTEXT=""

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# The Debian mirror the machine's own apt uses (deb822 or one-line sources).
debian_mirror() {
  local m=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    m=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$m" ] && [ -f /etc/apt/sources.list ]; then
    m=$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list)
  fi
  printf '%s\n' "${m:-http://deb.debian.org/debian}"
}

# Bump when the base recipe (build_base) changes in a way that needs a new root file system.
BASE_RECIPE=1

# A hash of everything an image is made from; stored as a label to decide whether to rebuild. The base
# depends on the mirror and its recipe; the others on their folder and on the exact base (or .NET) they use.
recipe_hash() {
  local name=$1
  {
    case $name in
      debian-rootfs) echo "$BASE_RECIPE $SUITE"; debian_mirror ;;
      debian) cat "$RECIPES/debian/Dockerfile" "$CONTEXT/certs/"* 2>/dev/null
              docker image inspect -f '{{.Id}}' "$PREFIX/debian-rootfs:$SUITE" 2>/dev/null ;;
      dotnet-files) ls "$DOTNET_DIR/sdk" "$DOTNET_DIR/shared/Microsoft.AspNetCore.App" 2>/dev/null ;;
      *)
        find "$RECIPES/$name" -type f -print0 | sort -z | xargs -0 cat
        docker image inspect -f '{{.Id}}' "$PREFIX/debian:$SUITE" 2>/dev/null
        case $name in dotnet-sdk|aspnet) docker image inspect -f '{{.Id}}' "$PREFIX/dotnet-files:10.0" 2>/dev/null ;; esac ;;
    esac
  } | sha256sum | cut -c1-16
}

is_current() {
  local image=$1 hash=$2
  [ "${MULTICA_LOCAL_IMAGES_REBUILD:-0}" != 1 ] &&
    [ "$(docker image inspect -f '{{index .Config.Labels "multica.recipe"}}' "$image" 2>/dev/null)" = "$hash" ]
}

build_base() {
  local image="$PREFIX/debian-rootfs:$SUITE" hash
  hash=$(recipe_hash debian-rootfs)
  if is_current "$image" "$hash"; then say "$image is up to date"; return; fi
  command -v debootstrap >/dev/null 2>&1 || {
    say "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null || die "debootstrap is required"
  }
  local mirror dir
  mirror=$(debian_mirror)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/multica-rootfs.XXXXXX")
  trap 'rm -rf "$dir"' RETURN
  say "debootstrap $SUITE from $mirror (a few minutes on a busy machine)"
  debootstrap --variant=minbase --include=ca-certificates "$SUITE" "$dir" "$mirror" >"$dir.log" 2>&1 ||
    { tail -20 "$dir.log" >&2; rm -f "$dir.log"; die "debootstrap failed"; }
  rm -f "$dir.log"
  cat > "$dir/etc/apt/sources.list" <<SOURCES
deb $mirror $SUITE main
deb $mirror $SUITE-updates main
deb ${mirror%/debian}/debian-security $SUITE-security main
SOURCES
  # Small images: no recommends, no docs, no apt lists left behind.
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' > "$dir/etc/apt/apt.conf.d/90multica"
  rm -rf "$dir/var/cache/apt/archives/"*.deb "$dir/var/lib/apt/lists/"*
  say "importing $image"
  tar -C "$dir" -c . | docker import \
    -c "LABEL multica.recipe=$hash" -c 'ENV LANG=C.UTF-8' -c 'CMD ["bash"]' - "$image" >/dev/null
}

# The host's .NET installation as an image layer, for the SDK and runtime stand-ins to copy from.
build_dotnet_files() {
  local image="$PREFIX/dotnet-files:10.0" hash
  hash=$(recipe_hash dotnet-files)
  if is_current "$image" "$hash"; then return; fi
  [ -x "$DOTNET_DIR/dotnet" ] || die "no .NET installation in $DOTNET_DIR (set DOTNET_ROOT)"
  say "importing the host's .NET from $DOTNET_DIR"
  tar -C "$(dirname "$DOTNET_DIR")" --transform "s,^$(basename "$DOTNET_DIR"),usr/share/dotnet," \
    -c "$(basename "$DOTNET_DIR")" | docker import -c "LABEL multica.recipe=$hash" - "$image" >/dev/null
}

# The certificate authorities the machine trusts that Debian's bundle does not carry, one file each.
host_extra_cas() {
  local into=$1 bundle=/etc/ssl/certs/ca-certificates.crt debian_bundle split
  mkdir -p "$into"
  [ -f "$bundle" ] || return 0
  split=$(mktemp -d)
  debian_bundle=$(docker run --rm "$PREFIX/debian-rootfs:$SUITE" cat /etc/ssl/certs/ca-certificates.crt | tr -d '\n')
  awk -v dir="$split" '/BEGIN CERTIFICATE/ {n++} n {print > (dir "/" n ".crt")}' "$bundle"
  local f
  for f in "$split"/*.crt; do
    [ -e "$f" ] || continue
    case $debian_bundle in *"$(grep -v -- '-----' "$f" | tr -d '\n')"*) ;; *) cp "$f" "$into/host-$(basename "$f")" ;; esac
  done
  rm -rf "$split"
}

# The base image: the root file system plus the machine's extra certificate authorities.
build_debian() {
  local image="$PREFIX/debian:$SUITE" hash
  CONTEXT=$(mktemp -d)
  cp "$RECIPES/debian/Dockerfile" "$CONTEXT/"
  host_extra_cas "$CONTEXT/certs"
  hash=$(recipe_hash debian)
  if is_current "$image" "$hash"; then say "$image is up to date"; rm -rf "$CONTEXT"; return; fi
  say "building $image ($(ls "$CONTEXT/certs" | wc -l) extra certificate authorities)"
  docker build -q --label "multica.recipe=$hash" --build-arg "ROOTFS=$PREFIX/debian-rootfs:$SUITE" \
    -t "$image" "$CONTEXT" >/dev/null 2>"$CONTEXT.err" || { cat "$CONTEXT.err" >&2; die "building $image failed"; }
  rm -rf "$CONTEXT" "$CONTEXT.err"
}

build_recipe() {
  local name=$1 image=$2 hash
  hash=$(recipe_hash "$name")
  if is_current "$image" "$hash"; then say "$image is up to date"; return; fi
  say "building $image"
  local out old
  out=$(mktemp)
  old=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
  if ! docker build --label "multica.recipe=$hash" --build-arg "BASE=$PREFIX/debian:$SUITE" \
    --build-arg "DOTNET_FILES=$PREFIX/dotnet-files:10.0" -t "$image" "$RECIPES/$name" >"$out" 2>&1; then
    tail -30 "$out" >&2
    rm -f "$out"
    die "building $image failed"
  fi
  rm -f "$out"
  # The image this one replaces, unless something still uses it.
  if [ -n "$old" ] && [ "$old" != "$(docker image inspect -f '{{.Id}}' "$image")" ]; then
    docker rmi "$old" >/dev/null 2>&1 || true
  fi
}

command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 || die "no Docker engine answers (start dockerd first)"

what=${1:-all}
case $what in
  test)    build_base; build_debian; build_recipe postgres "$PREFIX/postgres:15"; build_recipe redis "$PREFIX/redis:7" ;;
  server)  build_base; build_debian; build_dotnet_files; build_recipe dotnet-sdk "$PREFIX/dotnet-sdk:10.0"
           build_recipe aspnet "$PREFIX/aspnet:10.0" ;;
  all|compose)
           build_base; build_debian; build_recipe postgres "$PREFIX/postgres:15"; build_recipe redis "$PREFIX/redis:7"
           build_recipe nginx "$PREFIX/nginx:stable"; build_recipe prometheus "$PREFIX/prometheus:latest"
           build_dotnet_files; build_recipe dotnet-sdk "$PREFIX/dotnet-sdk:10.0"
           build_recipe aspnet "$PREFIX/aspnet:10.0" ;;
  *) die "unknown image set '$what' (all, test, server, compose)" ;;
esac
say "local images ready ($what)"
