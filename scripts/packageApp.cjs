#!/usr/bin/env node
// `npm run package [-- <env file>]`: the Teams app package (zip) from appPackage/, with the environment's
// ids filled in, validated offline before it is written (as test/appPackage/manifest.test.ts does):
// manifest and localization against the schemas bundled in @microsoft/app-manifest, every localized key
// present in the manifest, icons of the right size. Written to appPackage/build/appPackage.<env>.zip.
// Types: packageApp.d.cts.
'use strict';

const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { basename, dirname, join, resolve } = require('node:path');
const { AppManifestUtils } = require('@microsoft/app-manifest');
const { PNG } = require('pngjs');
const { zipSync } = require('fflate');

const ROOT = resolve(__dirname, '..');
const REQUIRED = ['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN', 'TAB_CLIENT_ID'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const PLACEHOLDER = /\$\{\{(\w+)\}\}/g;
const SCHEMA_PREFIX = 'https://developer.microsoft.com/json-schemas/';
/** Zip entries get one fixed time, so the same input gives the same zip. */
const FIXED_TIME = new Date('2020-01-01T00:00:00Z');

class PackageError extends Error {
  constructor(message) {
    super(message);
    this.name = 'PackageError';
  }
}

/** `NAME=value` lines (`#` comments, optional quotes), as the Agents Toolkit writes its env files. */
function parseEnvFile(text) {
  const values = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trim().startsWith('#')) continue;
    values[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return values;
}

/** Every problem with the ids, in one message an operator can act on; empty when all is well. */
function idProblems(ids) {
  const problems = [];
  for (const name of REQUIRED) {
    const value = (ids[name] ?? '').trim();
    if (!value) problems.push(`${name} is missing: set it in the environment or in the env file given as argument.`);
    else if (name === 'BOT_DOMAIN' && !DOMAIN.test(value)) {
      problems.push(`BOT_DOMAIN is not a domain name (no https://, path or port): "${value}".`);
    } else if (name !== 'BOT_DOMAIN' && !GUID.test(value)) problems.push(`${name} is not a GUID: "${value}".`);
  }
  return problems;
}

function fill(text, ids, file) {
  const filled = text.replace(PLACEHOLDER, (placeholder, name) => (REQUIRED.includes(name) ? ids[name].trim() : placeholder));
  const left = [...filled.matchAll(PLACEHOLDER)].map((match) => match[1]);
  if (left.length > 0) throw new PackageError(`${file} uses placeholders packaging does not fill: ${[...new Set(left)].join(', ')}.`);
  return filled;
}

/** A schema from the copies bundled in @microsoft/app-manifest: never from the network. */
function bundledSchema(schemaUrl) {
  if (typeof schemaUrl !== 'string' || !schemaUrl.startsWith(SCHEMA_PREFIX)) {
    throw new PackageError(`$schema must be a Teams schema URL (${SCHEMA_PREFIX}...): ${schemaUrl}`);
  }
  const packageDir = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = join(packageDir, 'build', 'json-schemas', schemaUrl.slice(SCHEMA_PREFIX.length));
  if (!existsSync(file)) throw new PackageError(`No bundled schema for ${schemaUrl}: use a manifest version @microsoft/app-manifest bundles.`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Two bundled localization schemas have an unescaped `]` in a pattern, which ajv refuses in unicode mode. */
function withUnicodeSafePatterns(schema) {
  if (!schema.patternProperties) return schema;
  const patternProperties = Object.fromEntries(
    Object.entries(schema.patternProperties).map(([pattern, rule]) => [pattern.replaceAll('\\b]', '\\b\\]'), rule]),
  );
  return { ...schema, patternProperties };
}

function valueAtLocalizationKey(root, key) {
  const steps = key.split(/\.|\[(\d+)\]/).filter((step) => step !== undefined && step !== '');
  return steps.reduce((node, step) => (node !== null && typeof node === 'object' ? node[step] : undefined), root);
}

function iconProblems(name, bytes, expectedSize, outline) {
  let png;
  try {
    png = PNG.sync.read(bytes);
  } catch (error) {
    return [`icon ${name} is not a PNG: ${error.message}`];
  }
  const problems = [];
  if (png.width !== expectedSize || png.height !== expectedSize) {
    problems.push(`icon ${name} is ${png.width}x${png.height}, must be ${expectedSize}x${expectedSize}.`);
  }
  let transparent = 0;
  let nonWhite = 0;
  for (let offset = 0; offset < png.data.length; offset += 4) {
    const [red, green, blue, alpha] = png.data.subarray(offset, offset + 4);
    if (alpha !== 255) transparent++;
    if (alpha > 0 && (red !== 255 || green !== 255 || blue !== 255)) nonWhite++;
  }
  if (outline && transparent === 0) problems.push(`outline icon ${name} must have a transparent background.`);
  if (outline && nonWhite > 0) problems.push(`outline icon ${name} must be white only (${nonWhite} other pixels).`);
  if (!outline && transparent > 0) problems.push(`colour icon ${name} must be fully opaque (${transparent} transparent pixels).`);
  return problems;
}

function readPackageFile(appPackageDir, file) {
  if (typeof file !== 'string' || file.includes('/') || file.includes('\\') || file.startsWith('.')) {
    throw new PackageError(`${file}: files of the app package must sit next to manifest.json (no folders).`);
  }
  const path = join(appPackageDir, file);
  if (!existsSync(path)) throw new PackageError(`${file} is named in the manifest but missing in ${appPackageDir}.`);
  return readFileSync(path);
}

/**
 * Fills in, validates and zips the app package. Throws PackageError (nothing written) on any problem.
 * @param {import('./packageApp.d.cts').BuildOptions} options
 */
async function buildAppPackage(options) {
  const appPackageDir = options.appPackageDir ?? join(ROOT, 'appPackage');
  const envName = options.envName ?? 'local';
  if (!/^[\w-]+$/.test(envName)) throw new PackageError(`The environment name "${envName}" may hold letters, digits, - and _ only.`);
  const problems = idProblems(options.ids);
  if (problems.length > 0) throw new PackageError(`Cannot build the app package:\n  ${problems.join('\n  ')}`);
  const ids = Object.fromEntries(REQUIRED.map((name) => [name, options.ids[name].trim()]));

  const manifestText = fill(readFileSync(join(appPackageDir, 'manifest.json'), 'utf8'), ids, 'manifest.json');
  const manifest = JSON.parse(manifestText);
  const errors = [];
  const schemaErrors = await AppManifestUtils.validateAgainstSchema(manifest, bundledSchema(manifest.$schema));
  errors.push(...schemaErrors.map((error) => `manifest.json: ${error}`));

  const entries = { 'manifest.json': Buffer.from(manifestText, 'utf8') };
  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    const text = fill(readPackageFile(appPackageDir, file).toString('utf8'), ids, file);
    const strings = JSON.parse(text);
    const expectedSchema = manifest.$schema.replace('MicrosoftTeams.schema.json', 'MicrosoftTeams.Localization.schema.json');
    if (strings.$schema !== expectedSchema) errors.push(`${file}: $schema must be ${expectedSchema}.`);
    else {
      const localizationErrors = await AppManifestUtils.validateAgainstSchema(strings, withUnicodeSafePatterns(bundledSchema(strings.$schema)));
      errors.push(...localizationErrors.map((error) => `${file}: ${error}`));
    }
    const unknown = Object.keys(strings).filter((key) => key !== '$schema' && typeof valueAtLocalizationKey(manifest, key) !== 'string');
    if (unknown.length > 0) errors.push(`${file} translates strings the manifest does not have: ${unknown.join(', ')}`);
    entries[file] = Buffer.from(text, 'utf8');
  }
  for (const [kind, size] of [
    ['color', 192],
    ['outline', 32],
  ]) {
    const file = manifest.icons?.[kind];
    const bytes = readPackageFile(appPackageDir, file);
    errors.push(...iconProblems(file, bytes, size, kind === 'outline'));
    entries[file] = bytes;
  }
  if (errors.length > 0) throw new PackageError(`The app package is not valid, nothing written:\n  ${errors.join('\n  ')}`);

  const outputDir = options.outputDir ?? join(appPackageDir, 'build');
  mkdirSync(outputDir, { recursive: true });
  const zipPath = join(outputDir, `appPackage.${envName}.zip`);
  const zip = zipSync(
    Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name, [new Uint8Array(bytes), { mtime: FIXED_TIME }]])),
    { level: 9 },
  );
  writeFileSync(zipPath, zip);
  return { zipPath, files: Object.keys(entries), manifest };
}

/** Ids from the env file (when given), else from the environment; the env name from TEAMSFX_ENV or the file name. */
function resolveEnvironment(argv, env) {
  const [envFile, ...rest] = argv;
  if (rest.length > 0) throw new PackageError('Usage: npm run package [-- <env file>]');
  const fromFile = envFile ? parseEnvFile(readEnvFile(envFile)) : {};
  const ids = Object.fromEntries(REQUIRED.map((name) => [name, fromFile[name] || env[name] || '']));
  const fileEnvName = envFile ? /^\.env\.([\w-]+)$/.exec(basename(envFile))?.[1] : undefined;
  const envName = fromFile.TEAMSFX_ENV || env.TEAMSFX_ENV || fileEnvName || 'local';
  return { ids, envName };
}

function readEnvFile(path) {
  if (!existsSync(path)) throw new PackageError(`The env file ${path} does not exist.`);
  return readFileSync(path, 'utf8');
}

async function main() {
  try {
    const { ids, envName } = resolveEnvironment(process.argv.slice(2), process.env);
    const { zipPath, files } = await buildAppPackage({ ids, envName });
    console.log(`Wrote ${zipPath} (${files.join(', ')}).`);
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

module.exports = { buildAppPackage, resolveEnvironment, parseEnvFile, PackageError };

if (require.main === module) void main();
