// Checks CloudFormation templates (JSON files) against the resource schemas of the pinned
// @aws-cdk/aws-service-spec (installed into <repo>/.cfnspec by the Java test, see README.md).
// Usage: node tools/cfnspec/check.mjs template.json...
// Prints one JSON line per template: {"file": ..., "problems": [...]}; an empty list means the template passed.
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const db = JSON.parse(
    gunzipSync(readFileSync(join(root, '.cfnspec', 'node_modules', '@aws-cdk', 'aws-service-spec', 'db.json.gz'))));
const resourceTypes = new Map(
    Object.values(db.schema.resource.entities).map((resource) => [resource.cloudFormationType, resource]));

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
const SECTIONS = new Set(['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings',
    'Conditions', 'Transform', 'Resources', 'Outputs']);
const PSEUDO_PARAMETERS = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition',
    'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const LOGICAL_ID = /^[A-Za-z0-9]{1,255}$/;

function check(template) {
  const problems = [];
  const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
  for (const section of Object.keys(template)) {
    if (!SECTIONS.has(section)) problems.push(`unknown top-level section ${section}`);
  }
  if (template.AWSTemplateFormatVersion !== undefined && template.AWSTemplateFormatVersion !== '2010-09-09') {
    problems.push(`AWSTemplateFormatVersion must be "2010-09-09"`);
  }
  if (template.Description !== undefined
      && (typeof template.Description !== 'string' || Buffer.byteLength(template.Description) > 1024)) {
    problems.push('Description must be a string of at most 1024 bytes');
  }
  const resources = template.Resources;
  if (!isObject(resources) || Object.keys(resources).length === 0) {
    return [...problems, 'Resources must be an object with at least one resource'];
  }
  // An intrinsic function in its long form; this checker knows the two the templates use.
  const intrinsic = (value, where) => {
    if (!isObject(value) || Object.keys(value).length !== 1) return false;
    const [name] = Object.keys(value);
    if (name === 'Ref') {
      if (!(value.Ref in resources) && !PSEUDO_PARAMETERS.has(value.Ref)) problems.push(`${where}: Ref to unknown ${value.Ref}`);
      return true;
    }
    if (name === 'Fn::GetAtt') {
      const [id, attribute] = value['Fn::GetAtt'];
      const type = resources[id] && resourceTypes.get(resources[id].Type);
      if (!type) problems.push(`${where}: Fn::GetAtt of unknown resource ${id}`);
      else if (!(attribute in type.attributes)) problems.push(`${where}: ${resources[id].Type} has no attribute ${attribute}`);
      return true;
    }
    if (name.startsWith('Fn::')) problems.push(`${where}: ${name} is not checked here`);
    return name.startsWith('Fn::');
  };
  const matches = (value, type, where) => {
    if (intrinsic(value, where)) return true;
    switch (type.type) {
      case 'string': return typeof value === 'string';
      case 'integer': case 'number': return typeof value === 'number' || typeof value === 'string';
      case 'boolean': return typeof value === 'boolean' || value === 'true' || value === 'false';
      case 'json': return isObject(value);
      case 'array': return Array.isArray(value) && value.every((item, i) => matches(item, type.element, `${where}/${i}`));
      case 'union': return type.types.some((member) => matches(value, member, where));
      default: return true; // type definitions (nested property types) are not used by leastpriv's templates
    }
  };
  for (const [id, resource] of Object.entries(resources)) {
    if (!LOGICAL_ID.test(id)) problems.push(`logical id ${id} is not alphanumeric`);
    const type = resourceTypes.get(resource.Type);
    if (!type) {
      problems.push(`${id}: unknown resource type ${resource.Type}`);
      continue;
    }
    const properties = resource.Properties ?? {};
    for (const [name, value] of Object.entries(properties)) {
      const property = type.properties[name];
      if (!property) problems.push(`${id}: ${resource.Type} has no property ${name}`);
      else if (!matches(value, property.type, `${id}/${name}`)) {
        problems.push(`${id}: ${name} is not of type ${JSON.stringify(property.type)}`);
      }
    }
    for (const [name, property] of Object.entries(type.properties)) {
      if (property.required && !(name in properties)) problems.push(`${id}: required property ${name} is missing`);
    }
  }
  for (const [id, output] of Object.entries(template.Outputs ?? {})) {
    if (!LOGICAL_ID.test(id)) problems.push(`output id ${id} is not alphanumeric`);
    if (output.Value === undefined) problems.push(`output ${id} has no Value`);
    else if (typeof output.Value !== 'string' && !intrinsic(output.Value, `output ${id}`)) {
      problems.push(`output ${id}: Value must be a string or an intrinsic function`);
    }
  }
  return problems;
}

for (const file of process.argv.slice(2)) {
  let problems;
  try {
    problems = check(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    problems = [`cannot read: ${e.message}`];
  }
  process.stdout.write(JSON.stringify({ file, problems }) + '\n');
}
