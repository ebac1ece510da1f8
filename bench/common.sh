# Sourced by the bench scripts that compare with the oracle (they define $root and the functions die and step).
#
# oracle_install: installs the pinned independent evaluator (@cloud-copilot/iam-simulate, AGPL) into $root/.oracle, exactly as core's Oracle test fixture
# (core/src/test/java/dev/leastpriv/core/eval/Oracle.java) does, if it is missing or was not installed from the
# current tools/oracle/package.json. .oracle/ is ignored by git: the oracle is never committed or bundled.
oracle_package=@cloud-copilot/iam-simulate

oracle_installed_version() {
  node -e 'try { console.log(require(process.argv[1]).version) } catch { console.log("") }' \
    "$root/.oracle/node_modules/$oracle_package/package.json"
}

oracle_install() {
  local pinned
  pinned=$(node -e 'console.log(require(process.argv[1]).dependencies[process.argv[2]])' \
    "$root/tools/oracle/package.json" "$oracle_package")
  if [ "$(oracle_installed_version)" != "$pinned" ] || ! cmp -s "$root/tools/oracle/package.json" "$root/.oracle/package.json"; then
    step "installing $oracle_package $pinned into .oracle/"
    mkdir -p "$root/.oracle"
    cp "$root/tools/oracle/package.json" "$root/.oracle/package.json"
    if ! npm install --no-audit --no-fund --prefix "$root/.oracle" </dev/null >"$root/.oracle/npm-install.log" 2>&1; then
      cat "$root/.oracle/npm-install.log" >&2
      die "npm install --prefix .oracle failed"
    fi
    [ "$(oracle_installed_version)" = "$pinned" ] \
      || die "npm installed $oracle_package $(oracle_installed_version) into .oracle, tools/oracle/package.json pins $pinned"
  fi
}

# Fails unless every named tool is on PATH.
require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "$tool is not on PATH"
  done
}

# Makes $tmp, a temporary directory removed at exit; with LEASTPRIV_BENCH_OUT=DIR set, its files are kept in DIR.
bench_tmp() {
  tmp="$(mktemp -d)"
  trap bench_cleanup EXIT
}

bench_cleanup() {
  if [ -n "${LEASTPRIV_BENCH_OUT:-}" ]; then
    mkdir -p "$LEASTPRIV_BENCH_OUT" && cp -r "$tmp"/. "$LEASTPRIV_BENCH_OUT"/
  fi
  rm -rf "$tmp"
}
