#!/usr/bin/env bash
# End to end: `bin/leastpriv simulate --batch` against the independent evaluator (@cloud-copilot/iam-simulate, AGPL,
# installed at bench time into <repo>/.oracle, never committed or bundled; tools/oracle/run.mjs reads the same JSON
# Lines and calls runSimulation once per line) on the same random requests, whole processes, side by side in one
# run; then the allocation per line (JMH BatchBenchmark -prof gc). Prints a table (README "Performance").
#
# Builds nothing: run `mvn -B -q package -DskipTests` first. Needs java 17+, node 20+ and npm on PATH. With the
# defaults about 4 minutes on 2 cores (the oracle takes about 45 s per round); keep the machine otherwise idle.
#
#   bench/run-batch-bench.sh [--lines N] [--rounds N] [--no-jmh]
#
#   --lines N    requests (default 20000): dev.leastpriv.bench.BenchRequests --batch N, fixed seed, each line with
#                its own policy (half the openmetadata policy, half the 50 statements of conditions50)
#   --rounds N   timed rounds (default 3), each running leastpriv then the oracle; medians are reported
#   --no-jmh     skip the allocation measurement
#
# Steps, each failing the script (non-zero exit) when it fails:
#   1. installs the pinned oracle into .oracle/ when needed (bench/common.sh);
#   2. writes the requests and checks that the oracle decides them all with every context key it was given
#      (tools/oracle/run.mjs --strict-context answers no line with an error), so both sides do the same work;
#   3. trains the launcher's class archive once (into a temporary LEASTPRIV_CDS_DIR), then runs N rounds of
#      `bin/leastpriv simulate --batch FILE` and `node tools/oracle/run.mjs <FILE`, and checks after each round that
#      both wrote the same lines, byte for byte;
#   4. runs the JMH benchmark BatchBenchmark with -prof gc.
#
# Environment: LEASTPRIV_BENCH_OUT=DIR keeps the raw results (requests, outputs, times, JMH JSON and log) in DIR.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
bench_jar=bench/target/benchmarks.jar
lines=20000
rounds=3
jmh=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --lines) lines="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --no-jmh) jmh=no; shift ;;
    *) echo "usage: bench/run-batch-bench.sh [--lines N] [--rounds N] [--no-jmh]" >&2; exit 2 ;;
  esac
done

die() {
  echo "run-batch-bench: $*" >&2
  exit 1
}
step() {
  echo "run-batch-bench: $*" >&2
}

[ -f "$bench_jar" ] || die "$bench_jar is missing; build it first: mvn -B -q package -DskipTests"
compgen -G "cli/target/leastpriv-cli-*-all.jar" >/dev/null || die "the CLI jar is missing; build it first"
# shellcheck source=bench/common.sh
. "$root/bench/common.sh"
require_tools java node npm

# 1.
oracle_install

bench_tmp
export LEASTPRIV_CDS_DIR="$tmp/cds"

# 2.
batch="$tmp/batch.jsonl"
java -cp "$bench_jar" dev.leastpriv.bench.BenchRequests --batch "$lines" >"$batch"
step "$lines requests, $(wc -c <"$batch" | tr -d ' ') bytes; checking the oracle uses every context key (about 45 s)"
node tools/oracle/run.mjs --strict-context <"$batch" >"$tmp/oracle-strict.jsonl"
if grep -q '"error"' "$tmp/oracle-strict.jsonl"; then
  grep -m 5 '"error"' "$tmp/oracle-strict.jsonl" >&2
  die "the oracle would drop context keys of some requests; not comparable"
fi

# 3.
bin/leastpriv --version >/dev/null
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
TIMEFORMAT='%3R %3U %3S'
: >"$tmp/times"
for ((r = 1; r <= rounds; r++)); do
  step "round $r of $rounds"
  t="$({ time bin/leastpriv simulate --batch "$batch" >"$tmp/leastpriv.jsonl"; } 2>&1)" \
    || die "leastpriv simulate --batch failed"
  echo "leastpriv $t" >>"$tmp/times"
  t="$({ time node tools/oracle/run.mjs <"$batch" >"$tmp/oracle.jsonl"; } 2>&1)" || die "the oracle failed"
  echo "oracle $t" >>"$tmp/times"
  if ! cmp -s "$tmp/leastpriv.jsonl" "$tmp/oracle.jsonl"; then
    diff "$tmp/leastpriv.jsonl" "$tmp/oracle.jsonl" | head -20 >&2 || true
    die "leastpriv (<) and the oracle (>) decide some requests differently"
  fi
  [ "$(wc -l <"$tmp/leastpriv.jsonl")" -eq "$lines" ] || die "leastpriv answered $(wc -l <"$tmp/leastpriv.jsonl") lines"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

# 4.
if [ "$jmh" = yes ]; then
  step "JMH BatchBenchmark -prof gc (about 1 minute)"
  if ! java -jar "$bench_jar" BatchBenchmark -foe true -prof gc -rf json -rff "$tmp/jmh.json" >"$tmp/jmh.log" 2>&1; then
    tail -40 "$tmp/jmh.log" >&2
    die "JMH failed"
  fi
fi

node - "$tmp" "$lines" "$jmh" <<'EOF'
const { readFileSync } = require('node:fs');
const os = require('node:os');
const [dir, linesText, jmh] = process.argv.slice(2);
const lines = Number(linesText);
const times = { leastpriv: [], oracle: [] };
for (const row of readFileSync(`${dir}/times`, 'utf8').trim().split('\n')) {
  const [who, real, user, sys] = row.split(' ');
  times[who].push({ wall: Number(real), cpu: Number(user) + Number(sys) });
}
const median = (values) => {
  const v = [...values].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
const int = (n) => Math.round(n).toLocaleString('en-US');
const rows = [['end to end', 'wall (median)', 'lines/s', 'CPU (median)', 'CPU per line']];
const rate = {};
for (const who of ['leastpriv', 'oracle']) {
  const wall = median(times[who].map((t) => t.wall));
  const cpu = median(times[who].map((t) => t.cpu));
  rate[who] = lines / wall;
  rows.push([who === 'leastpriv' ? 'leastpriv simulate --batch' : 'oracle (tools/oracle/run.mjs)',
    `${wall.toFixed(2)} s`, int(rate[who]), `${cpu.toFixed(2)} s`, `${((cpu * 1000) / lines).toFixed(3)} ms`]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
for (const row of rows) {
  console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
}
console.log(`ratio (lines/s): ${(rate.leastpriv / rate.oracle).toFixed(1)}×, ${lines} lines, same decisions,` +
  ` ${times.leastpriv.length} rounds; walls: leastpriv ${times.leastpriv.map((t) => t.wall).join(', ')} s,` +
  ` oracle ${times.oracle.map((t) => t.wall).join(', ')} s`);
if (jmh === 'yes') {
  const results = JSON.parse(readFileSync(`${dir}/jmh.json`, 'utf8'));
  for (const run of results) {
    const norm = run.secondaryMetrics['gc.alloc.rate.norm'];
    console.log(`in process, one thread (JMH ${run.benchmark.replace(/.*\./, 'BatchBenchmark.')}):` +
      ` ${int(run.primaryMetric.score)} ± ${int(run.primaryMetric.scoreError)} lines/s,` +
      ` ${norm ? int(norm.score) : '?'} B allocated per line`);
  }
}
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, node ${process.version}`);
EOF
echo "java: $(java -version 2>&1 | head -1); load average (1, 5, 15 min): before $load_before, after $load_after"
