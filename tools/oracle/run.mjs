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
// See tools/oracle/README.md for the mapping and the oracle's limitations.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ORACLE_PACKAGE = '@cloud-copilot/iam-simulate';
const DEFAULT_PRINCIPAL = 'arn:aws:iam::123456789012:role/leastpriv-test';
const KNOWN_FIELDS = new Set([
  'id',
  'principal',
  'action',
  'resource',
  'context',
  'identityPolicies',
  'permissionsBoundary',
  'serviceControlPolicies',
  'resourcePolicy',
  'resourceAccount'
]);
const DECISIONS = {
  Allowed: 'allowed',
  ImplicitlyDenied: 'implicitDeny',
  ExplicitlyDenied: 'explicitDeny'
};

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const oracleDir = resolve(process.env.LEASTPRIV_ORACLE_DIR || join(repoRoot, '.oracle'));
const strictContext = process.argv.slice(2).includes('--strict-context');
for (const arg of process.argv.slice(2)) {
  if (arg !== '--strict-context') {
    fail(`unknown option ${arg} (the only option is --strict-context)`);
  }
}

const oracle = loadOracle();

function fail(message) {
  process.stderr.write(`leastpriv oracle: ${message}\n`);
  process.exit(2);
}

/** Loads the oracle from the test-time install, after checking it is the version tools/oracle pins. */
function loadOracle() {
  const pinned = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies[ORACLE_PACKAGE];
  const installedManifest = join(oracleDir, 'node_modules', ...ORACLE_PACKAGE.split('/'), 'package.json');
  let installed;
  try {
    installed = JSON.parse(readFileSync(installedManifest, 'utf8')).version;
  } catch (e) {
    fail(
      `${ORACLE_PACKAGE} is not installed in ${oracleDir} (${e.message}); install it with: ` +
        `npm install --no-audit --no-fund --prefix ${join(repoRoot, '.oracle')} ${here}`
    );
  }
  if (installed !== pinned) {
    fail(`${oracleDir} has ${ORACLE_PACKAGE} ${installed}, tools/oracle/package.json pins ${pinned}; reinstall it`);
  }
  // The package's "require" export; resolved from the install prefix, not from this file's folder.
  const requireFromOracle = createRequire(join(oracleDir, 'package.json'));
  return requireFromOracle(ORACLE_PACKAGE);
}

class InputError extends Error {}

function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(value, field) {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InputError(`"${field}" must be a non-empty string`);
  }
  return value;
}

function requirePolicy(value, field) {
  if (!isPlainObject(value)) {
    throw new InputError(`"${field}" must be a policy object`);
  }
  return value;
}

function requirePolicyList(value, field) {
  if (!Array.isArray(value)) {
    throw new InputError(`"${field}" must be an array of policy objects`);
  }
  return value.map((policy, i) => requirePolicy(policy, `${field}[${i}]`));
}

function contextVariables(context) {
  if (context === undefined) {
    return {};
  }
  if (!isPlainObject(context)) {
    throw new InputError('"context" must be an object of key to string or array of strings');
  }
  const variables = {};
  const seen = new Map();
  for (const [key, value] of Object.entries(context)) {
    const lower = key.toLowerCase();
    if (seen.has(lower)) {
      // The oracle keys its context case-insensitively: two spellings would silently overwrite each other.
      throw new InputError(`context keys "${seen.get(lower)}" and "${key}" differ only in case`);
    }
    seen.set(lower, key);
    const valid = typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (!valid) {
      throw new InputError(`context value for "${key}" must be a string or an array of strings`);
    }
    variables[key] = Array.isArray(value) ? [...value] : value;
  }
  return variables;
}

/** The account of an ARN (its fifth field), or undefined when the ARN has none (S3 buckets, "*"). */
function arnAccount(arn) {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && parts[4] !== '' ? parts[4] : undefined;
}

/** Turns one parsed input object into the oracle's Simulation. */
function toSimulation(request) {
  for (const field of Object.keys(request)) {
    if (!KNOWN_FIELDS.has(field)) {
      throw new InputError(`unknown field "${field}"`);
    }
  }
  const principal = request.principal === undefined ? DEFAULT_PRINCIPAL : requireString(request.principal, 'principal');
  const action = requireString(request.action, 'action');
  const resource = requireString(request.resource, 'resource');
  const resourceAccount =
    request.resourceAccount === undefined
      ? (arnAccount(resource) ?? arnAccount(principal))
      : requireString(request.resourceAccount, 'resourceAccount');
  if (resourceAccount === undefined) {
    throw new InputError('no resource account: give "resourceAccount", or a principal ARN with an account');
  }

  const simulation = {
    request: {
      principal,
      action,
      resource: { resource, accountId: resourceAccount },
      contextVariables: contextVariables(request.context)
    },
    identityPolicies: requirePolicyList(request.identityPolicies ?? [], 'identityPolicies').map((policy, i) => ({
      name: `identityPolicies[${i}]`,
      policy
    })),
    // One organization level per element, root first, account last; each level holds the one policy given.
    serviceControlPolicies: requirePolicyList(request.serviceControlPolicies ?? [], 'serviceControlPolicies').map(
      (policy, i) => ({
        orgIdentifier: `serviceControlPolicies[${i}]`,
        policies: [{ name: `serviceControlPolicies[${i}]`, policy }]
      })
    ),
    // No RCP levels: the oracle then applies no resource control policy at all.
    resourceControlPolicies: []
  };
  if (request.permissionsBoundary !== undefined) {
    simulation.permissionBoundaryPolicies = [
      { name: 'permissionsBoundary', policy: requirePolicy(request.permissionsBoundary, 'permissionsBoundary') }
    ];
  }
  if (request.resourcePolicy !== undefined) {
    simulation.resourcePolicy = requirePolicy(request.resourcePolicy, 'resourcePolicy');
  }
  return simulation;
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
