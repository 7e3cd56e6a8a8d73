// `npm run package` (scripts/packageApp.cjs): the zip it writes, and what it refuses.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAppPackage, parseEnvFile, resolveEnvironment } from '../../scripts/packageApp.cjs';

const root = join(__dirname, '..', '..');
const appPackageDir = join(root, 'appPackage');
const ids = {
  TEAMS_APP_ID: '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab',
  BOT_ID: '7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d',
  BOT_DOMAIN: 'sbot-app-test.azurewebsites.net',
  TAB_CLIENT_ID: '8b9c0d1e-2f3a-4b4c-8d5e-6f7a8b9c0d1e',
};

const temporaryDirs: string[] = [];
function temporaryDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'app-package-'));
  temporaryDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function unzip(path: string): Record<string, Uint8Array> {
  return unzipSync(new Uint8Array(readFileSync(path)));
}

const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString('utf8');

describe('npm run package', () => {
  it('writes appPackage.<env>.zip with the manifest, its localization and its icons at the root', async () => {
    const outputDir = temporaryDir();
    const built = await buildAppPackage({ ids, envName: 'dev', outputDir });
    expect(built.zipPath).toBe(join(outputDir, 'appPackage.dev.zip'));
    const entries = unzip(built.zipPath);
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    for (const icon of ['color.png', 'outline.png']) {
      expect(Buffer.from(entries[icon]!).equals(readFileSync(join(appPackageDir, icon))), icon).toBe(true);
    }
    expect(PNG.sync.read(Buffer.from(entries['color.png']!)).width).toBe(192);
  });

  it('fills in the ids, leaving no placeholder', async () => {
    const entries = unzip((await buildAppPackage({ ids, envName: 'dev', outputDir: temporaryDir() })).zipPath);
    const manifestText = text(entries['manifest.json']);
    expect(readFileSync(join(appPackageDir, 'manifest.json'), 'utf8')).toContain('${{');
    expect(manifestText).not.toContain('${{');
    expect(text(entries['en.json'])).not.toContain('${{');
    const manifest = JSON.parse(manifestText) as { id: string; bots: { botId: string }[]; validDomains: string[] };
    expect(manifest.id).toBe(ids.TEAMS_APP_ID);
    expect(manifest.bots[0]!.botId).toBe(ids.BOT_ID);
    expect(manifest.validDomains).toEqual([ids.BOT_DOMAIN]);
  });

  it('gives the same zip for the same input', async () => {
    const first = await buildAppPackage({ ids, envName: 'dev', outputDir: temporaryDir() });
    const second = await buildAppPackage({ ids, envName: 'dev', outputDir: temporaryDir() });
    expect(readFileSync(first.zipPath).equals(readFileSync(second.zipPath))).toBe(true);
  });

  it('refuses missing ids, naming each, and writes nothing', async () => {
    const outputDir = join(temporaryDir(), 'build');
    await expect(buildAppPackage({ ids: { BOT_DOMAIN: ids.BOT_DOMAIN }, outputDir })).rejects.toThrow(
      /TEAMS_APP_ID is missing: set it in the environment or in the env file[\s\S]*BOT_ID is missing/,
    );
    expect(existsSync(outputDir)).toBe(false);
  });

  it.each([
    ['TEAMS_APP_ID', 'not-a-guid', /TEAMS_APP_ID is not a GUID: "not-a-guid"/],
    ['BOT_ID', '7a8b9c0d1e2f4a3b9c4d5e6f7a8b9c0d', /BOT_ID is not a GUID/],
    ['BOT_DOMAIN', 'https://sbot.azurewebsites.net', /BOT_DOMAIN is not a domain name/],
    ['BOT_DOMAIN', 'sbot.azurewebsites.net/api/messages', /BOT_DOMAIN is not a domain name/],
    ['BOT_DOMAIN', 'localhost:3978', /BOT_DOMAIN is not a domain name/],
  ])('refuses %s = %s', async (name, value, message) => {
    const outputDir = join(temporaryDir(), 'build');
    await expect(buildAppPackage({ ids: { ...ids, [name]: value }, outputDir })).rejects.toThrow(message);
    expect(existsSync(outputDir)).toBe(false);
  });

  it('validates before writing: a manifest off its schema or a wrong icon size writes nothing', async () => {
    const brokenSchema = temporaryDir();
    cpSync(appPackageDir, brokenSchema, { recursive: true, filter: (path) => !path.includes('build') });
    const manifest = JSON.parse(readFileSync(join(brokenSchema, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(brokenSchema, 'manifest.json'), JSON.stringify({ ...manifest, accentColor: 'blue', name: undefined }));
    await expect(buildAppPackage({ ids, appPackageDir: brokenSchema })).rejects.toThrow(/not valid, nothing written[\s\S]*manifest\.json:/);
    expect(existsSync(join(brokenSchema, 'build'))).toBe(false);

    const wrongIcon = temporaryDir();
    cpSync(appPackageDir, wrongIcon, { recursive: true, filter: (path) => !path.includes('build') });
    cpSync(join(appPackageDir, 'outline.png'), join(wrongIcon, 'color.png'));
    await expect(buildAppPackage({ ids, appPackageDir: wrongIcon })).rejects.toThrow(/icon color\.png is 32x32, must be 192x192/);
    expect(existsSync(join(wrongIcon, 'build'))).toBe(false);
  });

  it('refuses a localization key the manifest does not have', async () => {
    const dir = temporaryDir();
    cpSync(appPackageDir, dir, { recursive: true, filter: (path) => !path.includes('build') });
    const strings = JSON.parse(readFileSync(join(dir, 'en.json'), 'utf8')) as Record<string, string>;
    writeFileSync(join(dir, 'en.json'), JSON.stringify({ ...strings, 'bots[0].commandLists[0].commands[42].title': 'ghost' }));
    await expect(buildAppPackage({ ids, appPackageDir: dir })).rejects.toThrow(/en\.json translates strings the manifest does not have/);
  });

  it('takes the ids from an env file before the environment, and the env name from the file', () => {
    const dir = temporaryDir();
    const envFile = join(dir, '.env.staging');
    writeFileSync(envFile, `# comment\nTEAMS_APP_ID=${ids.TEAMS_APP_ID}\nBOT_ID="${ids.BOT_ID}"\nBOT_DOMAIN=\n`);
    expect(parseEnvFile(readFileSync(envFile, 'utf8')).BOT_ID).toBe(ids.BOT_ID);
    const resolved = resolveEnvironment([envFile], { TEAMS_APP_ID: 'other', BOT_DOMAIN: ids.BOT_DOMAIN, TAB_CLIENT_ID: ids.TAB_CLIENT_ID });
    expect(resolved).toEqual({ ids, envName: 'staging' });
    expect(resolveEnvironment([], { ...ids, TEAMSFX_ENV: 'dev' })).toEqual({ ids, envName: 'dev' });
  });
});

describe('npm run package on the command line', () => {
  const run = promisify(execFile);
  const script = join(root, 'scripts', 'packageApp.cjs');
  const cleanEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN', 'TAB_CLIENT_ID', 'TEAMSFX_ENV'].includes(name)),
  );

  it('is the package script', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.package).toBe('node scripts/packageApp.cjs');
    expect(readFileSync(join(appPackageDir, '.gitignore'), 'utf8')).toMatch(/^build\/$/m);
  });

  it('exits 1 with the message when an id is missing, writing nothing', async () => {
    const before = existsSync(join(appPackageDir, 'build')) ? readdirSync(join(appPackageDir, 'build')) : [];
    const result = await run(process.execPath, [script, join(root, 'infra', 'env', '.env.dev')], { env: cleanEnv }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TEAMS_APP_ID is missing');
    const after = existsSync(join(appPackageDir, 'build')) ? readdirSync(join(appPackageDir, 'build')) : [];
    expect(after).toEqual(before);
  });

  it('writes appPackage/build/appPackage.<env>.zip from an env file', async () => {
    const envName = `vitest-${process.pid}`;
    const envFile = join(temporaryDir(), `.env.${envName}`);
    writeFileSync(envFile, Object.entries(ids).map(([name, value]) => `${name}=${value}`).join('\n'));
    const zipPath = join(appPackageDir, 'build', `appPackage.${envName}.zip`);
    try {
      const { stdout } = await run(process.execPath, [script, envFile], { env: cleanEnv });
      expect(stdout).toContain(`Wrote ${zipPath}`);
      expect(JSON.parse(text(unzip(zipPath)['manifest.json'])).id).toBe(ids.TEAMS_APP_ID);
    } finally {
      rmSync(zipPath, { force: true });
    }
  });
});
