#!/usr/bin/env node
// leastpriv oracle throughput: how many requests per second the independent evaluator (@cloud-copilot/iam-simulate,
// the pinned version installed at test time into <repo>/.oracle, never committed) decides, for comparison with
// leastpriv's EvaluatorBenchmark on the same requests (bench/run-evaluator-bench.sh).
//
// Usage: node tools/oracle/bench.mjs [--scenario NAME] [--warmup SECONDS] [--seconds SECONDS] REQUESTS.jsonl
//
// Reads the JSON Lines requests (the `leastpriv simulate --batch` format) and turns each line into the oracle's
// Simulation once, as run.mjs does (simulation.mjs). Then calls runSimulation(simulation, {}) on the requests
// round-robin, one call at a time: first for --warmup seconds (default 3, and at least one pass over every request,
// whose answers must all be decisions), then for --seconds seconds (default 10), measured. Prints one JSON line:
//
//   {"scenario", "requests", "opsPerSecond", "operations", "seconds", "opsPerSecondMin", "opsPerSecondMax",
//    "decisions": {"allowed", "implicitDeny", "explicitDeny"}}
//
// opsPerSecondMin/Max are the slowest and fastest whole one-second windows of the measurement; decisions counts the
// answers to the requests (each once). Exit status 2 on bad usage or input, or if the oracle answers a request with
// an error or changes its answer between passes.
//
// Environment: LEASTPRIV_ORACLE_DIR, as for run.mjs.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { InputError, OracleLoadError, isPlainObject, loadOracle, toSimulation } from './simulation.mjs';

const DECISIONS = {
  Allowed: 'allowed',
  ImplicitlyDenied: 'implicitDeny',
  ExplicitlyDenied: 'explicitDeny'
};
const USAGE = 'usage: node tools/oracle/bench.mjs [--scenario NAME] [--warmup SECONDS] [--seconds SECONDS] FILE';

function fail(message) {
  process.stderr.write(`leastpriv oracle bench: ${message}\n`);
  process.exit(2);
}

function parseArguments(args) {
  const options = { scenario: undefined, warmup: 3, seconds: 10, file: undefined };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--scenario' || arg === '--warmup' || arg === '--seconds') {
      const value = args[++i];
      if (value === undefined) {
        fail(`${arg} needs a value\n${USAGE}`);
      }
      if (arg === '--scenario') {
        options.scenario = value;
      } else {
        const seconds = Number(value);
        if (!Number.isFinite(seconds) || seconds <= 0) {
          fail(`${arg} must be a positive number of seconds, not ${JSON.stringify(value)}`);
        }
        options[arg.slice(2)] = seconds;
      }
    } else if (arg.startsWith('-') || options.file !== undefined) {
      fail(`unexpected argument ${arg}\n${USAGE}`);
    } else {
      options.file = arg;
    }
  }
  if (options.file === undefined) {
    fail(USAGE);
  }
  options.scenario ??= basename(options.file).replace(/\.jsonl?$/, '');
  return options;
}

/** The file's requests as Simulations, converted once, before anything is measured. */
function readSimulations(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read ${file}: ${e.message}`);
  }
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') {
    lines.pop(); // the final newline
  }
  if (lines.length === 0) {
    fail(`${file} holds no requests`);
  }
  return lines.map((line, i) => {
    let request;
    try {
      request = JSON.parse(line);
    } catch (e) {
      fail(`${file} line ${i + 1}: malformed JSON: ${e.message}`);
    }
    if (!isPlainObject(request)) {
      fail(`${file} line ${i + 1}: a line must be a JSON object`);
    }
    try {
      return toSimulation(request);
    } catch (e) {
      if (e instanceof InputError) {
        fail(`${file} line ${i + 1}: malformed request: ${e.message}`);
      }
      throw e;
    }
  });
}

/** The decision of one answer, or a failure naming the request. */
function decisionOf(response, index) {
  if (response.resultType === 'error') {
    const { message, ...details } = response.errors;
    const more = Object.keys(details).length === 0 ? '' : ` ${JSON.stringify(details)}`;
    fail(`request ${index}: the oracle rejected it: ${message}${more}`);
  }
  const decision = DECISIONS[response.overallResult];
  if (decision === undefined) {
    fail(`request ${index}: the oracle returned an unknown result ${JSON.stringify(response.overallResult)}`);
  }
  return decision;
}

const options = parseArguments(process.argv.slice(2));
let oracle;
try {
  oracle = loadOracle();
} catch (e) {
  if (!(e instanceof OracleLoadError)) {
    throw e;
  }
  fail(e.message);
}
const simulations = readSimulations(options.file);
const count = simulations.length;

// Warm-up: at least one whole pass, checking every answer and that answers do not change between passes.
const decisions = new Array(count);
let next = 0;
let calls = 0;
const warmupEnd = performance.now() + options.warmup * 1000;
while (calls < count || performance.now() < warmupEnd) {
  const decision = decisionOf(await oracle.runSimulation(simulations[next], {}), next);
  if (decisions[next] === undefined) {
    decisions[next] = decision;
  } else if (decisions[next] !== decision) {
    fail(`request ${next}: the oracle answered ${decisions[next]}, then ${decision}`);
  }
  next = next + 1 === count ? 0 : next + 1;
  calls++;
}

// Measurement: the same calls, timed; an answer is only checked for being an error.
const windows = [];
let operations = 0;
const start = performance.now();
const end = start + options.seconds * 1000;
let windowStart = start;
let windowOperations = 0;
let now = start;
while (now < end) {
  const response = await oracle.runSimulation(simulations[next], {});
  if (response.resultType === 'error') {
    decisionOf(response, next);
  }
  next = next + 1 === count ? 0 : next + 1;
  operations++;
  windowOperations++;
  now = performance.now();
  if (now - windowStart >= 1000) {
    windows.push((windowOperations * 1000) / (now - windowStart));
    windowStart = now;
    windowOperations = 0;
  }
}
const seconds = (now - start) / 1000;

const counts = { allowed: 0, implicitDeny: 0, explicitDeny: 0 };
for (const decision of decisions) {
  counts[decision]++;
}
const round = (value) => Math.round(value * 10) / 10;
process.stdout.write(
  JSON.stringify({
    scenario: options.scenario,
    requests: count,
    opsPerSecond: round(operations / seconds),
    operations,
    seconds: Math.round(seconds * 1000) / 1000,
    opsPerSecondMin: windows.length === 0 ? null : round(Math.min(...windows)),
    opsPerSecondMax: windows.length === 0 ? null : round(Math.max(...windows)),
    decisions: counts
  }) + '\n'
);
