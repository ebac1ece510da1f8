#!/usr/bin/env bash
# Start-up of bin/leastpriv: wall and CPU time of whole commands, start to finish, against a JVM hello-world
# floor, with and without the AppCDS archive, and prints a table (README "Performance").
#
# Builds nothing: run `mvn -B -q package -DskipTests` first (it compiles a one-line Hello class into a temporary
# directory with javac for the floor). Archives go to a temporary LEASTPRIV_CDS_DIR, never to your cache.
#
#   bench/run-startup-bench.sh [--rounds N] [--first N] [--flags] [--hyperfine]
#
#   (default)    hello floor (also with the CLI jar on the class path), the libraries' floor (picocli with one
#                option, then also Jackson reading the YAML config: bench/startup/LibraryFloor.java), `--version`,
#                `generate` and `check` (the README's quick-start commands), each without (LEASTPRIV_CDS=off) and
#                with the archive, N rounds (default 20)
#   --first N    also N first runs (no archive yet: the training run, then the command; default 3, 0 to skip)
#   --flags      instead: JVM flag variants, started with `java` directly (the archive of the launcher's flags
#                where the variant can use one), on the quick-start commands (N rounds) and on large inputs
#                (1,000 databases; 2,000 and 20,000 `simulate --batch` requests; N/4 rounds), then C1 only against
#                tiered compilation on 100,000 requests (one round, no warm-up; about 2 minutes), to decide which
#                flags the launcher keeps; about 15 minutes with N = 10 on 2 cores
#   --hyperfine  instead: the default commands through hyperfine (`-N -w 2 -r N`; check exits 1, so `-i`)
#
# Commands run interleaved, one of each per round after two warm-up rounds, so that load from other processes
# on a shared machine falls on all of them alike. Reported: median, quartiles and minimum of wall time, and the
# median CPU time (user + sys of the whole process tree: JIT and GC threads count), in milliseconds.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
rounds=20
first=3
mode=default
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --first) first="$2"; shift 2 ;;
    --flags) mode=flags; shift ;;
    --hyperfine) mode=hyperfine; shift ;;
    *) echo "usage: bench/run-startup-bench.sh [--rounds N] [--first N] [--flags] [--hyperfine]" >&2; exit 2 ;;
  esac
done

die() {
  echo "run-startup-bench: $*" >&2
  exit 1
}

jar=""
for candidate in cli/target/leastpriv-cli-*-all.jar; do
  [ -f "$candidate" ] && jar="$root/$candidate"
done
[ -n "$jar" ] || die "the CLI jar is missing; build it first: mvn -B -q package -DskipTests"
for tool in java javac jar; do
  command -v "$tool" >/dev/null || die "$tool is not on PATH"
done
# The launcher's own JVM flags, so that the floor and the variants start from the same line.
eval "$(grep '^flags=' bin/leastpriv)"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export LEASTPRIV_CDS_DIR="$tmp/cds"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' \
  >"$tmp/Hello.java"
javac -d "$tmp/hello" "$tmp/Hello.java"
# The libraries' own floor (bench/startup/LibraryFloor.java): picocli with one option, then also Jackson reading
# the YAML config into a tree and writing it as JSON; from the CLI jar, with its own archive trained once.
# (AppCDS takes jars only, no directories, on the class path.)
javac -nowarn -cp "$jar" -d "$tmp/floor" bench/startup/LibraryFloor.java
jar cf "$tmp/floor.jar" -C "$tmp/floor" .
floor=(java "${flags[@]}" -XX:SharedArchiveFile="$tmp/floor.jsa" -Xshare:auto -Xlog:cds*=off -Xlog:class+path=off
  -cp "$tmp/floor.jar:$jar" LibraryFloor read --config)

config=samples/config/openmetadata.yaml
policy=samples/policies/openmetadata-docs-policy.json
generate=(generate --config "$config")
check=(check --policy "$policy" --config "$config")

names=()
commands=()
add() {
  names+=("$1")
  commands+=("$2")
}

# Runs every added command $1 times, interleaved, after ${2:-2} warm-up rounds; prints one table row per command.
measure() {
  local n="$1" warm="${2:-2}" log="$tmp/times" r i t
  : >"$log"
  TIMEFORMAT='%3R %3U %3S'
  for ((r = -warm; r < n; r++)); do
    for i in "${!commands[@]}"; do
      t="$({ time eval "${commands[$i]}" >/dev/null 2>&1; } 2>&1)" || die "timing failed: ${commands[$i]}"
      [ "$r" -ge 0 ] && echo "$i $t" >>"$log"
    done
  done
  printf '| %-58s | %6s | %13s | %6s | %6s |\n' "Command" "Median" "p25 – p75" "Min" "CPU"
  printf '|%s|-------:|--------------:|-------:|-------:|\n' "$(printf -- '-%.0s' {1..60})"
  for i in "${!commands[@]}"; do
    local wall cpu
    wall="$(awk -v i="$i" '$1 == i { print $2 * 1000 }' "$log" | quartiles)"
    cpu="$(awk -v i="$i" '$1 == i { print ($3 + $4) * 1000 }' "$log" | quartiles)"
    # shellcheck disable=SC2086
    set -- $wall
    printf '| %-58s | %6s | %6s – %-4s | %6s | %6s |\n' "${names[$i]}" "$1" "$2" "$3" "$4" "${cpu%% *}"
  done
}

# stdin: numbers; stdout: "median p25 p75 min", rounded
quartiles() {
  sort -n | awk '{ v[NR] = $1 } END {
    n = NR; printf "%.0f %.0f %.0f %.0f\n", (v[int((n + 1) / 2)] + v[int(n / 2) + 1]) / 2, v[int((n + 3) / 4)],
      v[int((3 * n + 3) / 4)], v[1] }'
}

quote() {
  printf '%q ' "$@"
}

# Trains the archive once (the launcher does it on its first run) and prints its path.
archive() {
  bin/leastpriv --version >/dev/null
  local found
  for found in "$LEASTPRIV_CDS_DIR"/leastpriv-*.jsa; do
    [ -f "$found" ] && { printf '%s\n' "$found"; return 0; }
  done
  die "the launcher wrote no archive into $LEASTPRIV_CDS_DIR"
}

echo "run-startup-bench: $(java -version 2>&1 | head -1), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'), $(date -u +%Y-%m-%d)" >&2

case "$mode" in
  default)
    archive >/dev/null
    java "${flags[@]}" -XX:ArchiveClassesAtExit="$tmp/floor.jsa" -Xlog:cds*=off -cp "$tmp/floor.jar:$jar" \
      LibraryFloor read --config "$config" --yaml >/dev/null 2>&1 || die "could not train the floor's archive"
    add "JVM hello world (launcher flags)" "java ${flags[*]} -cp $tmp/hello Hello"
    add "JVM hello world, the CLI jar first on the class path" "java ${flags[*]} -cp $jar:$tmp/hello Hello"
    add "picocli floor: one option, archive" "$(quote "${floor[@]}" "$config")"
    add "picocli + Jackson floor: YAML config to JSON, archive" "$(quote "${floor[@]}" "$config" --yaml)"
    add "leastpriv --version, no archive" "LEASTPRIV_CDS=off bin/leastpriv --version"
    add "leastpriv --version, archive" "bin/leastpriv --version"
    add "leastpriv generate, no archive" "LEASTPRIV_CDS=off bin/leastpriv $(quote "${generate[@]}")"
    add "leastpriv generate, archive" "bin/leastpriv $(quote "${generate[@]}")"
    add "leastpriv check, no archive" "LEASTPRIV_CDS=off bin/leastpriv $(quote "${check[@]}") || [ \$? = 1 ]"
    add "leastpriv check, archive" "bin/leastpriv $(quote "${check[@]}") || [ \$? = 1 ]"
    measure "$rounds"
    if [ "$first" -gt 0 ]; then
      names=()
      commands=()
      add "leastpriv generate, first run (training + generate)" \
        "rm -rf $tmp/first && LEASTPRIV_CDS_DIR=$tmp/first bin/leastpriv $(quote "${generate[@]}")"
      measure "$first"
    fi
    ;;
  hyperfine)
    command -v hyperfine >/dev/null || die "hyperfine is not on PATH (apt-get install hyperfine)"
    archive >/dev/null
    hyperfine -N -w 2 -r "$rounds" -i --export-markdown "$tmp/hyperfine.md" \
      -n "JVM hello world (launcher flags)" "java ${flags[*]} -cp $tmp/hello Hello" \
      -n "generate, no archive" "env LEASTPRIV_CDS=off bin/leastpriv ${generate[*]}" \
      -n "generate, archive" "bin/leastpriv ${generate[*]}" \
      -n "check, no archive" "env LEASTPRIV_CDS=off bin/leastpriv ${check[*]}" \
      -n "check, archive" "bin/leastpriv ${check[*]}" >&2
    cat "$tmp/hyperfine.md"
    ;;
  flags)
    jsa="$(archive)"
    cds=(-XX:SharedArchiveFile="$jsa" -Xshare:auto -Xlog:cds*=off -Xlog:class+path=off)
    # Large inputs: 1,000 databases (a 180,000-character policy) and 2,000 simulate --batch requests.
    big="$tmp/big.yaml"
    {
      sed '/^database:/,/^results:/{/^results:/!d}' "$config"
      echo "database:"
      for ((d = 0; d < 1000; d++)); do echo "  - db$d"; done
    } >"$big"
    LEASTPRIV_CDS=off bin/leastpriv generate --config "$big" --out "$tmp/big.json" 2>/dev/null
    compact="$(LEASTPRIV_CDS=off bin/leastpriv generate --config "$config" --compact 2>/dev/null)"
    actions=(glue:GetTables glue:GetDatabase athena:StartQueryExecution s3:GetObject s3:PutObject kms:Decrypt)
    resources=(arn:aws:glue:eu-west-1:123456789012:table/sales/orders arn:aws:glue:eu-west-1:123456789012:database/sales
      arn:aws:athena:eu-west-1:123456789012:workgroup/metadata arn:aws:s3:::company-data-lake/warehouse/t/part-0
      arn:aws:s3:::athena-results-123456789012/openmetadata/q.csv
      arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab)
    for ((q = 0; q < 20000; q++)); do
      printf '{"id":%d,"action":"%s","resource":"%s","identityPolicies":[%s]}\n' \
        "$q" "${actions[q % 6]}" "${resources[(q / 6) % 6]}" "$compact"
    done >"$tmp/batch20k.jsonl"
    head -n 2000 "$tmp/batch20k.jsonl" >"$tmp/batch.jsonl"
    mkdir "$tmp/exploded"
    (cd "$tmp/exploded" && unzip -q "$jar")

    # name, JVM options, archive (yes/no)
    variants=(
      "launcher flags (C1 only, serial GC)|${flags[*]}|yes"
      "JVM defaults (tiered C1+C2, G1)||yes"
      "C1 only, G1|-XX:TieredStopAtLevel=1|yes"
      "tiered C1+C2, serial GC|-XX:+UseSerialGC|yes"
      "launcher flags + -XX:-UsePerfData|${flags[*]} -XX:-UsePerfData|yes"
      "launcher flags + -Xss512k|${flags[*]} -Xss512k|yes"
      "launcher flags, no archive, jar|${flags[*]}|no"
      "launcher flags, no archive, exploded classes|${flags[*]}|exploded"
    )
    workloads=(
      "generate|$(quote "${generate[@]}")"
      "check|$(quote "${check[@]}")"
      "generate, 1,000 databases|generate --config $big"
      "check, 1,000 databases|check --policy $tmp/big.json --config $big"
      "simulate --batch, 2,000 requests|simulate --batch $tmp/batch.jsonl"
      "simulate --batch, 20,000 requests|simulate --batch $tmp/batch20k.jsonl"
    )
    for workload in "${workloads[@]}"; do
      names=()
      commands=()
      for variant in "${variants[@]}"; do
        IFS='|' read -r name options classes <<<"$variant"
        case "$classes" in
          yes) start="java $options $(quote "${cds[@]}")-jar $jar" ;;
          no) start="java $options -jar $jar" ;;
          exploded) start="java $options -cp $tmp/exploded dev.leastpriv.cli.Main" ;;
        esac
        add "$name" "$start ${workload#*|} || [ \$? = 1 ]"
      done
      echo
      echo "${workload%%|*}:"
      case "$workload" in
        generate\|* | check\|*) measure "$rounds" ;;
        *) measure $(((rounds + 3) / 4)) ;;
      esac
    done
    names=()
    commands=()
    b="$tmp/batch20k.jsonl"
    for variant in "C1 only, serial GC|-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" "tiered C1+C2, serial GC|-XX:+UseSerialGC"; do
      add "${variant%%|*}" "cat $b $b $b $b $b | java ${variant#*|} $(quote "${cds[@]}")-jar $jar simulate --batch -"
    done
    echo
    echo "simulate --batch, 100,000 requests:"
    measure 1 0
    ;;
esac
