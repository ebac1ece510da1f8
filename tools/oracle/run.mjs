#!/usr/bin/env node
// leastpriv oracle runner: reads leastpriv's JSON Lines evaluation requests on stdin, asks an independent
// IAM policy evaluator (@cloud-copilot/iam-simulate, installed at test time into <repo>/.oracle, never
// committed) for its decision, and writes one JSON line per input line to stdout, in input order.
//
// Input:  {"id", "principal"?, "action", "resource", "context"?, "identityPolicies"?, "permissionsBoundary"?,
//          "serviceControlPolicies"?, "resourcePolicy"?, "resourceAccount"?}
// Output: {"id", "decision": "allowed" | "implicitDeny" | "explicitDeny"}  or  {"id", "error": "..."}
//
// Options:
//   --strict-context   answer with an error line, instead of a decision, when the oracle would drop a context
//                      key (not defined for the action/resource type, or unknown) or keep only the first
//                      element of an array given for a single-valued key.
//
// Environment:
//   LEASTPRIV_ORACLE_DIR   the npm prefix the oracle was installed into (default: <repo>/.oracle)
//
// See tools/oracle/README.md for the mapping and the oracle's limitations; the mapping itself is in simulation.mjs.

import { createInterface } from 'node:readline';
import { InputError, OracleLoadError, isPlainObject, loadOracle, toSimulation } from './simulation.mjs';

const DECISIONS = {
  Allowed: 'allowed',
  ImplicitlyDenied: 'implicitDeny',
  ExplicitlyDenied: 'explicitDeny'
};

const strictContext = process.argv.slice(2).includes('--strict-context');
for (const arg of process.argv.slice(2)) {
  if (arg !== '--strict-context') {
    fail(`unknown option ${arg} (the only option is --strict-context)`);
  }
}

let oracle;
try {
  oracle = loadOracle();
} catch (e) {
  if (!(e instanceof OracleLoadError)) {
    throw e;
  }
  fail(e.message);
}

function fail(message) {
  process.stderr.write(`leastpriv oracle: ${message}\n`);
  process.exit(2);
}

/** Context keys the oracle would drop or truncate for this request, as messages (for --strict-context). */
async function contextProblems(simulation, response) {
  const problems = [];
  const results = response.resultType === 'single' ? [response.result] : response.results;
  const ignored = new Set(results.flatMap((result) => result.ignoredContextKeys ?? []));
  for (const key of ignored) {
    problems.push(`context key "${key}" is not defined for this action and resource, the oracle ignores it`);
  }
  for (const [key, value] of Object.entries(simulation.request.contextVariables)) {
    if (ignored.has(key) || !Array.isArray(value) || value.length === 1) {
      continue;
    }
    let type;
    try {
      type = await oracle.typeForContextKey(key);
    } catch {
      continue; // unknown keys are reported above when the oracle tells which keys it ignored
    }
    if (!oracle.isConditionKeyArray(type)) {
      problems.push(`context key "${key}" is single-valued (${type}), the oracle keeps only the first of its values`);
    }
  }
  return problems;
}

function describeErrors(errors) {
  const { message, ...details } = errors;
  return Object.keys(details).length === 0 ? message : `${message} ${JSON.stringify(details)}`;
}

/** Evaluates one input line; never throws. */
async function evaluateLine(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch (e) {
    return { id: null, error: `malformed JSON: ${e.message}` };
  }
  if (!isPlainObject(request)) {
    return { id: null, error: 'malformed request: a line must be a JSON object' };
  }
  const id = request.id === undefined ? null : request.id;
  try {
    const simulation = toSimulation(request);
    const response = await oracle.runSimulation(simulation, {});
    if (response.resultType === 'error') {
      return { id, error: `oracle rejected the request: ${describeErrors(response.errors)}` };
    }
    const decision = DECISIONS[response.overallResult];
    if (decision === undefined) {
      return { id, error: `oracle returned an unknown result ${JSON.stringify(response.overallResult)}` };
    }
    if (strictContext) {
      const problems = await contextProblems(simulation, response);
      if (problems.length > 0) {
        return { id, error: `strict context: ${problems.join('; ')}` };
      }
    }
    return { id, decision };
  } catch (e) {
    if (e instanceof InputError) {
      return { id, error: `malformed request: ${e.message}` };
    }
    return { id, error: `oracle exception: ${e && e.stack ? e.stack.split('\n')[0] : String(e)}` };
  }
}

// A reader that stops reading (closes our stdout) ends the run quietly.
process.stdout.on('error', (e) => process.exit(e.code === 'EPIPE' ? 0 : 1));

const input = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of input) {
  const result = await evaluateLine(line);
  process.stdout.write(JSON.stringify(result) + '\n');
}
