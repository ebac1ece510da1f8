#!/usr/bin/env bash
# Measures leastpriv's offline IAM evaluator against the independent oracle (@cloud-copilot/iam-simulate, AGPL,
# installed at bench time into <repo>/.oracle, never committed or bundled) on the same requests, and prints a table:
# scenario, leastpriv ops/s, oracle ops/s, ratio.
#
# Builds nothing: run `mvn -B -q package -DskipTests` first. Needs java 17+, node 20+ and npm on PATH. Takes about
# 2.5 minutes on 2 cores; keep the machine otherwise idle while it runs.
#
#   bench/run-evaluator-bench.sh
#
# Steps, each failing the script (non-zero exit) when it fails:
#   1. installs the pinned oracle into .oracle/ if it is missing or not installed from the current
#      tools/oracle/package.json (as core's Oracle test fixture does);
#   2. writes both scenarios (openmetadata, conditions50) as JSON Lines with dev.leastpriv.bench.BenchRequests;
#   3. checks that leastpriv and the oracle decide every one of those requests the same (tools/oracle/run.mjs
#      --strict-context), so both sides measure the same work;
#   4. runs the JMH benchmark EvaluatorBenchmark (with -prof gc for the allocation per evaluation);
#   5. runs tools/oracle/bench.mjs on each scenario (3 s warm-up, 10 s measured).
#
# Environment: LEASTPRIV_BENCH_OUT=DIR keeps the raw results (JSON Lines, JMH JSON and log, oracle JSON) in DIR.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jar=bench/target/benchmarks.jar
scenarios=(openmetadata conditions50)

die() {
  echo "run-evaluator-bench: $*" >&2
  exit 1
}
step() {
  echo "run-evaluator-bench: $*" >&2
}

[ -f "$jar" ] || die "$jar is missing; build it first: mvn -B -q package -DskipTests"
# shellcheck source=bench/common.sh
. "$root/bench/common.sh"
require_tools java node npm

# 1. The oracle, exactly as core/src/test/java/dev/leastpriv/core/eval/Oracle.java installs it.
oracle_install

bench_tmp

# 2. and 3. The requests, and the check that both evaluators answer them alike.
for scenario in "${scenarios[@]}"; do
  java -cp "$jar" dev.leastpriv.bench.BenchRequests "$scenario" >"$tmp/$scenario.jsonl"
  java -cp "$jar" dev.leastpriv.bench.BenchRequests --decisions "$scenario" >"$tmp/$scenario.leastpriv-decisions.jsonl"
  node tools/oracle/run.mjs --strict-context <"$tmp/$scenario.jsonl" >"$tmp/$scenario.oracle-decisions.jsonl"
  if ! cmp -s "$tmp/$scenario.leastpriv-decisions.jsonl" "$tmp/$scenario.oracle-decisions.jsonl"; then
    diff "$tmp/$scenario.leastpriv-decisions.jsonl" "$tmp/$scenario.oracle-decisions.jsonl" | head -20 >&2 || true
    die "$scenario: leastpriv (<) and the oracle (>) decide some requests differently; not comparable"
  fi
  step "$scenario: $(wc -l <"$tmp/$scenario.jsonl" | tr -d ' ') requests, same decisions from leastpriv and the oracle"
done

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

# 4. leastpriv (JMH prints its progress to the log; -foe makes a failing benchmark fail the run).
step "JMH EvaluatorBenchmark (about 2 minutes)"
if ! java -jar "$jar" EvaluatorBenchmark -foe true -prof gc -rf json -rff "$tmp/jmh.json" >"$tmp/jmh.log" 2>&1; then
  tail -40 "$tmp/jmh.log" >&2
  die "JMH failed"
fi

# 5. The oracle.
for scenario in "${scenarios[@]}"; do
  step "oracle $scenario (13 s)"
  node tools/oracle/bench.mjs --scenario "$scenario" "$tmp/$scenario.jsonl" >"$tmp/$scenario.oracle.json"
done

load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

# The table.
node - "$tmp" "${scenarios[@]}" <<'EOF'
const { readFileSync } = require('node:fs');
const os = require('node:os');
const [dir, ...scenarios] = process.argv.slice(2);
const jmh = JSON.parse(readFileSync(`${dir}/jmh.json`, 'utf8'));
const result = (method, scenario) => {
  const run = jmh.find((r) => r.benchmark.endsWith(`.${method}`) && r.params && r.params.scenario === scenario);
  if (!run) {
    throw new Error(`no JMH result for ${method} ${scenario}`);
  }
  return run;
};
const int = (n) => Math.round(n).toLocaleString('en-US');
const rows = [['scenario', 'requests', 'leastpriv ops/s', 'oracle ops/s', 'ratio', 'B/evaluation',
  'compile+evaluate ops/s', 'ratio']];
for (const scenario of scenarios) {
  const oracle = JSON.parse(readFileSync(`${dir}/${scenario}.oracle.json`, 'utf8'));
  const evaluate = result('evaluate', scenario);
  const compiled = result('compileAndEvaluate', scenario);
  const norm = evaluate.secondaryMetrics['gc.alloc.rate.norm'];
  rows.push([
    scenario,
    String(oracle.requests),
    `${int(evaluate.primaryMetric.score)} ± ${int(evaluate.primaryMetric.scoreError)}`,
    int(oracle.opsPerSecond),
    `${int(evaluate.primaryMetric.score / oracle.opsPerSecond)}×`,
    norm ? int(norm.score) : '?',
    `${int(compiled.primaryMetric.score)} ± ${int(compiled.primaryMetric.scoreError)}`,
    `${int(compiled.primaryMetric.score / oracle.opsPerSecond)}×`
  ]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
for (const row of rows) {
  console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
}
console.log(`\nleastpriv: JMH throughput, 1 fork, 3 warm-up + 5 measured iterations of 2 s, ± 99.9% CI;` +
  ` B/evaluation from -prof gc. oracle: 10 s after a 3 s warm-up, one runSimulation at a time.` +
  ` compile+evaluate: leastpriv compiling the policy for every request, as the oracle reads it for every call.`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, ${jmh[0].vmName} ${jmh[0].jdkVersion},` +
  ` node ${process.version}`);
EOF
echo "load average (1, 5, 15 min): before $load_before, after $load_after"
