import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

const appPackageDir = join(__dirname, '..', '..', 'appPackage');

/** Sample values for the placeholders that `npm run package` fills in (M365 Agents Toolkit convention). */
const placeholderSamples: Record<string, string> = {
  TEAMS_APP_ID: '00000000-0000-4000-8000-000000000001',
  BOT_ID: '00000000-0000-4000-8000-000000000002',
  BOT_DOMAIN: 'samarbejdsbot.example.net',
  TAB_CLIENT_ID: '00000000-0000-4000-8000-000000000003',
};
const placeholderPattern = /\$\{\{(\w+)\}\}/g;

/** Teams documents 10 commands per command list; schemas from 1.25 on allow 12. */
const maxCommandsPerList = 10;

type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

interface BotCommandList {
  scopes: string[];
  commands: { title: string; description: string }[];
}

interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  icons: { color: string; outline: string };
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  bots: { botId: string; scopes: string[]; commandLists: BotCommandList[] }[];
}

function readAppPackageText(file: string): string {
  return readFileSync(join(appPackageDir, file), 'utf8');
}

const rawManifestText = readAppPackageText('manifest.json');
const rawManifest = JSON.parse(rawManifestText) as Manifest;
const manifest = JSON.parse(
  rawManifestText.replace(placeholderPattern, (placeholder, name: string) => placeholderSamples[name] ?? placeholder),
) as Manifest;
const englishStrings = JSON.parse(readAppPackageText('en.json')) as Record<string, unknown>;
const bot = manifest.bots[0]!;

/**
 * Reads a schema from the copies bundled in @microsoft/app-manifest, never from the network:
 * AppManifestUtils.fetchSchema would silently go online for a version it does not bundle.
 */
function bundledSchema(schemaUrl: string): ManifestSchema {
  const prefix = 'https://developer.microsoft.com/json-schemas/';
  expect(schemaUrl.startsWith(prefix), `schema URL ${schemaUrl}`).toBe(true);
  const packageDir = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const schemaFile = join(packageDir, 'build', 'json-schemas', schemaUrl.slice(prefix.length));
  return JSON.parse(readFileSync(schemaFile, 'utf8')) as ManifestSchema;
}

/**
 * The bundled localization schemas contain two patterns with an unescaped `]`, which ajv rejects
 * (it compiles patterns in unicode mode). Escaping it keeps their meaning and lets the schema compile.
 */
function withUnicodeSafePatterns(schema: ManifestSchema): ManifestSchema {
  const { patternProperties, ...rest } = schema as { patternProperties?: Record<string, unknown> };
  if (!patternProperties) return schema;
  const fixed = Object.fromEntries(
    Object.entries(patternProperties).map(([pattern, rule]) => [pattern.replaceAll('\\b]', '\\b\\]'), rule]),
  );
  return { ...rest, patternProperties: fixed } as unknown as ManifestSchema;
}

/** Resolves a localization key such as `bots[0].commandLists[2].commands[9].title` in the manifest. */
function valueAtLocalizationKey(root: unknown, key: string): unknown {
  const steps = key.split(/\.|\[(\d+)\]/).filter((step) => step !== undefined && step !== '');
  return steps.reduce<unknown>(
    (node, step) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[step] : undefined),
    root,
  );
}

function readPng(file: string): PNG {
  return PNG.sync.read(readFileSync(join(appPackageDir, file)));
}

function pixels(png: PNG): { red: number; green: number; blue: number; alpha: number }[] {
  const result = [];
  for (let offset = 0; offset < png.data.length; offset += 4) {
    const [red, green, blue, alpha] = png.data.subarray(offset, offset + 4);
    result.push({ red: red!, green: green!, blue: blue!, alpha: alpha! });
  }
  return result;
}

function commandTitlesByScope(titleOf: (listIndex: number, commandIndex: number) => unknown): Map<string, unknown[]> {
  const titles = new Map<string, unknown[]>();
  bot.commandLists.forEach((list, listIndex) => {
    for (const scope of list.scopes) {
      const scopeTitles = titles.get(scope) ?? [];
      list.commands.forEach((_, commandIndex) => scopeTitles.push(titleOf(listIndex, commandIndex)));
      titles.set(scope, scopeTitles);
    }
  });
  return titles;
}

describe('Teams app manifest', () => {
  it('uses only the placeholders that packaging fills in', () => {
    const used = [...rawManifestText.matchAll(placeholderPattern)].map((match) => match[1]);
    expect(used.filter((name) => !(name! in placeholderSamples))).toEqual([]);
    expect(rawManifest.id).toBe('${{TEAMS_APP_ID}}');
    expect(rawManifest.bots[0]?.botId).toBe('${{BOT_ID}}');
  });

  it('uses manifest schema 1.22 or newer, bundled for offline validation', () => {
    const [major, minor] = manifest.manifestVersion.split('.').map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(22);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
  });

  it('validates against its schema once the placeholders are filled in', async () => {
    const errors = await AppManifestUtils.validateAgainstSchema(
      manifest as unknown as AppManifest,
      bundledSchema(manifest.$schema),
    );
    expect(errors).toEqual([]);
  });

  it('offers the bot in team, personal and group chat scopes', () => {
    expect(manifest.bots).toHaveLength(1);
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const scope of bot.scopes) {
      expect(bot.commandLists.some((list) => list.scopes.includes(scope)), `command list for ${scope}`).toBe(true);
    }
  });

  it("offers the tab personally and in channels and group chats from the bot's own host, with single sign-on for the tab's app registration", () => {
    const withTab = manifest as unknown as {
      configurableTabs: Array<{ configurationUrl: string; scopes: string[]; context: string[] }>;
      staticTabs: Array<{ entityId: string; contentUrl: string; scopes: string[] }>;
      webApplicationInfo: { id: string; resource: string };
    };
    expect(withTab.configurableTabs).toEqual([expect.objectContaining({ configurationUrl: `https://${placeholderSamples.BOT_DOMAIN}/tab/config`, scopes: ['team', 'groupChat'] })]);
    // In a Teams meeting the tab opens in the side panel too; Teams requires the meeting's chat and details tabs with it.
    expect(withTab.configurableTabs[0]?.context).toEqual(expect.arrayContaining(['meetingSidePanel', 'meetingChatTab', 'meetingDetailsTab']));
    expect(withTab.staticTabs).toEqual([expect.objectContaining({ entityId: 'cases', contentUrl: `https://${placeholderSamples.BOT_DOMAIN}/tab`, scopes: ['personal'] })]);
    // bot/config.ts expects the same Application ID URI by default: api://<public host>/<client id>.
    expect(withTab.webApplicationInfo).toEqual({ id: placeholderSamples.TAB_CLIENT_ID, resource: `api://${placeholderSamples.BOT_DOMAIN}/${placeholderSamples.TAB_CLIENT_ID}` });
  });

  it(`keeps each command list within ${maxCommandsPerList} commands`, () => {
    for (const list of bot.commandLists) expect(list.commands.length).toBeLessThanOrEqual(maxCommandsPerList);
  });

  it('has unique command titles per scope, in Danish and in English', () => {
    const danish = commandTitlesByScope((list, command) => bot.commandLists[list]!.commands[command]!.title);
    const english = commandTitlesByScope(
      (list, command) => englishStrings[`bots[0].commandLists[${list}].commands[${command}].title`],
    );
    for (const titlesByScope of [danish, english]) {
      for (const [scope, titles] of titlesByScope) {
        expect(new Set(titles).size, `duplicate command title in ${scope}: ${titles.join(', ')}`).toBe(titles.length);
      }
    }
  });
});

describe('English localization (en.json)', () => {
  it('is declared in localizationInfo, with Danish as the default language', () => {
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('da');
    expect(manifest.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'en', file: 'en.json' }]);
  });

  it('validates against the localization schema of the same manifest version', async () => {
    const schemaUrl = englishStrings.$schema as string;
    expect(schemaUrl).toBe(manifest.$schema.replace('MicrosoftTeams.schema.json', 'MicrosoftTeams.Localization.schema.json'));
    const errors = await AppManifestUtils.validateAgainstSchema(
      englishStrings as unknown as AppManifest,
      withUnicodeSafePatterns(bundledSchema(schemaUrl)),
    );
    expect(errors).toEqual([]);
  });

  it('translates only strings that exist in the manifest', () => {
    const localizedKeys = Object.keys(englishStrings).filter((key) => key !== '$schema');
    const missing = localizedKeys.filter((key) => typeof valueAtLocalizationKey(manifest, key) !== 'string');
    expect(missing).toEqual([]);
  });

  it('translates the name, the descriptions and every command', () => {
    const expectedKeys = ['name.short', 'name.full', 'description.short', 'description.full'];
    bot.commandLists.forEach((list, listIndex) =>
      list.commands.forEach((_, commandIndex) => {
        const prefix = `bots[0].commandLists[${listIndex}].commands[${commandIndex}]`;
        expectedKeys.push(`${prefix}.title`, `${prefix}.description`);
      }),
    );
    const untranslated = expectedKeys.filter((key) => typeof englishStrings[key] !== 'string' || englishStrings[key] === '');
    expect(untranslated).toEqual([]);
  });
});

describe('app icons', () => {
  it('are the files the manifest points at', () => {
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('colour icon is 192x192 and fully opaque', () => {
    const icon = readPng(manifest.icons.color);
    expect([icon.width, icon.height]).toEqual([192, 192]);
    expect(pixels(icon).filter((pixel) => pixel.alpha !== 255)).toHaveLength(0);
  });

  it('outline icon is 32x32, white on a transparent background', () => {
    const icon = readPng(manifest.icons.outline);
    expect([icon.width, icon.height]).toEqual([32, 32]);
    const allPixels = pixels(icon);
    const visibleNonWhite = allPixels.filter(
      (pixel) => pixel.alpha > 0 && (pixel.red !== 255 || pixel.green !== 255 || pixel.blue !== 255),
    );
    expect(visibleNonWhite).toHaveLength(0);
    expect(allPixels.some((pixel) => pixel.alpha === 0), 'has a transparent background').toBe(true);
    expect(allPixels.some((pixel) => pixel.alpha === 255), 'has a solid white shape').toBe(true);
  });
});
