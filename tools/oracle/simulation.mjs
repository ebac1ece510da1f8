// leastpriv oracle harness, shared part: loads the pinned oracle (@cloud-copilot/iam-simulate, installed at test
// time into <repo>/.oracle, never committed) and turns one leastpriv JSON Lines request into the oracle's
// Simulation. Used by run.mjs (differential tests) and bench.mjs (throughput); see tools/oracle/README.md.
//
// Original leastpriv code: it only calls the oracle package's public API.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ORACLE_PACKAGE = '@cloud-copilot/iam-simulate';
export const DEFAULT_PRINCIPAL = 'arn:aws:iam::123456789012:role/leastpriv-test';
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

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');

/** The npm prefix the oracle is installed into: $LEASTPRIV_ORACLE_DIR, else <repo>/.oracle. */
export const oracleDir = resolve(process.env.LEASTPRIV_ORACLE_DIR || join(repoRoot, '.oracle'));

/** The oracle is missing or not the pinned version; the message says how to fix it. */
export class OracleLoadError extends Error {}

/** A request line that cannot be turned into a Simulation. */
export class InputError extends Error {}

/**
 * Loads the oracle from the test-time install, after checking it is the version tools/oracle pins.
 *
 * @throws OracleLoadError when it is not installed or another version
 */
export function loadOracle() {
  const pinned = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies[ORACLE_PACKAGE];
  const installedManifest = join(oracleDir, 'node_modules', ...ORACLE_PACKAGE.split('/'), 'package.json');
  let installed;
  try {
    installed = JSON.parse(readFileSync(installedManifest, 'utf8')).version;
  } catch (e) {
    throw new OracleLoadError(
      `${ORACLE_PACKAGE} is not installed in ${oracleDir} (${e.message}); install it with: ` +
        `npm install --no-audit --no-fund --prefix ${join(repoRoot, '.oracle')} ${here}`
    );
  }
  if (installed !== pinned) {
    throw new OracleLoadError(
      `${oracleDir} has ${ORACLE_PACKAGE} ${installed}, tools/oracle/package.json pins ${pinned}; reinstall it`
    );
  }
  // The package's "require" export; resolved from the install prefix, not from this file's folder.
  const requireFromOracle = createRequire(join(oracleDir, 'package.json'));
  return requireFromOracle(ORACLE_PACKAGE);
}

export function isPlainObject(value) {
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

/**
 * Turns one parsed input object into the oracle's Simulation.
 *
 * @throws InputError when a field is unknown, missing or mistyped
 */
export function toSimulation(request) {
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
