#!/usr/bin/env bash
# Installs what the end-to-end tests need and nothing else: Debian's Chromium (driven by playwright-core),
# the build tools code-server's native modules compile with, and code-server itself into a cache folder
# outside the tracked tree. Safe to run again: every step is skipped when its result is already there.
#
# Why code-server 4.100.3: it is VS Code 1.100.3 (our engines.vscode floor) and runs on the machine's own
# Node 20, so no second Node has to be fetched and built against. Its one problem, a ripgrep download from
# GitHub during postinstall, is avoided by seeding the download cache with Debian's rg (see seed_ripgrep).
#
# Environment:
#   DB_DESIGN_E2E_CACHE   cache folder (default: $XDG_CACHE_HOME/db-design-e2e, i.e. ~/.cache/db-design-e2e).
#                         Not inside the repository: vsce walks the whole extension folder when packaging,
#                         and code-server's 7,700 files there cost ~3 s per walk.
#   DB_DESIGN_E2E_SKIP_APT=1   do not touch apt (for machines where the packages are managed elsewhere)
#
# Progress goes to stderr; the only line on stdout is the path of the code-server executable.
set -euo pipefail

readonly CODE_SERVER_VERSION=4.100.3
# Pinned by code-server 4.100.3's lib/vscode/npm-shrinkwrap.json; its postinstall looks for the cached
# download under a folder named after this version.
readonly VSCODE_RIPGREP_VERSION=1.15.11
readonly RIPGREP_RELEASE=v13.0.0-10
# chromium: the browser playwright-core drives; fonts-liberation: legible text in screenshots;
# libkrb5-dev, build-essential, python3, pkg-config: code-server's native modules (kerberos, node-pty, ...)
# compile at install time; ripgrep: seeds the rg download (below) and serves VS Code's file search.
readonly APT_PACKAGES=(chromium fonts-liberation libkrb5-dev ripgrep build-essential python3 pkg-config)

cache_dir="${DB_DESIGN_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/db-design-e2e}"
install_dir="$cache_dir/code-server-$CODE_SERVER_VERSION"
# Written last, so an interrupted install is detected and redone rather than trusted.
stamp="$install_dir/.installed"

log() { printf 'e2e-install: %s\n' "$*" >&2; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

install_apt_packages() {
  if [[ ${DB_DESIGN_E2E_SKIP_APT:-0} == 1 ]]; then
    log "DB_DESIGN_E2E_SKIP_APT=1: not checking apt packages"
    return
  fi
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    log "apt packages present"
    return
  fi
  log "installing apt packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # No recommends: Chromium's pull in a desktop's worth of packages that a headless run never touches.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

ripgrep_target() {
  case "$(uname -m)" in
    x86_64) echo x86_64-unknown-linux-musl ;;
    aarch64) echo aarch64-unknown-linux-musl ;;
    *) log "unsupported architecture $(uname -m)"; exit 1 ;;
  esac
}

# @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable here) unless the release tarball is
# already in $TMPDIR/vscode-ripgrep-cache-<version>/. Any rg works for VS Code's search, so Debian's goes in.
seed_ripgrep() {
  local dir="$1" rg_cache
  rg_cache="$dir/vscode-ripgrep-cache-$VSCODE_RIPGREP_VERSION"
  mkdir -p "$rg_cache"
  tar -czf "$rg_cache/ripgrep-$RIPGREP_RELEASE-$(ripgrep_target).tar.gz" -C "$(dirname "$(command -v rg)")" rg
}

install_code_server() {
  if [[ -f $stamp && -x $install_dir/node_modules/.bin/code-server ]]; then
    log "code-server $CODE_SERVER_VERSION present in $install_dir"
    return
  fi
  local node_major
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  if [[ $node_major != 20 ]]; then
    # code-server's postinstall refuses any other major; fail here with a clearer message.
    log "code-server $CODE_SERVER_VERSION needs Node 20, found $(node -v)"
    exit 1
  fi

  log "installing code-server $CODE_SERVER_VERSION into $install_dir (takes 1-2 minutes)"
  rm -rf "$install_dir"
  mkdir -p "$install_dir"
  # A package.json of its own keeps npm from walking up into any project's manifest and lockfile.
  # allowScripts: npm 11 only reports unreviewed install scripts, later npm blocks them; code-server is
  # nothing without its postinstall (which installs and compiles VS Code's own dependencies).
  cat >"$install_dir/package.json" <<JSON
{
  "private": true,
  "description": "db-design e2e tests: code-server cache",
  "allowScripts": { "code-server@$CODE_SERVER_VERSION": true }
}
JSON

  # Global, not local: the EXIT trap runs after this function has returned.
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  seed_ripgrep "$tmp"

  # --unsafe-perm: as root, code-server's postinstall refuses to run without it.
  # npm_config_yes=true: a global npmrc with yes=false cancels the `npx node-gyp` step of a native build.
  # --foreground-scripts: the native builds' compiler output lands in the log, where a failure can be read.
  (
    cd "$install_dir"
    TMPDIR="$tmp" npm_config_yes=true npm install --no-audit --no-fund --no-save --unsafe-perm \
      --foreground-scripts --loglevel=error "code-server@$CODE_SERVER_VERSION"
  ) >"$cache_dir/code-server-install.log" 2>&1 || {
    log "npm install failed; last lines of $cache_dir/code-server-install.log:"
    tail -n 40 "$cache_dir/code-server-install.log" >&2
    exit 1
  }

  # code-server writes under $HOME even for --version: keep that in the throwaway folder.
  local version
  version="$(XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" \
    "$install_dir/node_modules/.bin/code-server" --version)"
  log "installed: ${version##*$'\n'}"
  date -u +%FT%TZ >"$stamp"
  log "code-server installed"
}

main() {
  local start=$SECONDS
  mkdir -p "$cache_dir"
  install_apt_packages
  install_code_server
  log "done in $((SECONDS - start)) s"
  printf '%s\n' "$install_dir/node_modules/.bin/code-server"
}

main "$@"
