// The verb registry and the command table are the single source: every button on every card names a
// registered verb whose data parses, cards/README.md lists exactly the registered verbs, and `hjælp`,
// the app manifest's command lists and the parser all come from the one command table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import type { Messages } from '../../bot/i18n';
import { COMMANDS, COMMAND_NAMES, VERBS, helpText, manifestCommands, parseCardAction } from '../../bot/teams/actions/registry';
import type { ManifestScope } from '../../bot/teams/actions/turn';
import { parseCommand } from '../../bot/teams/commands';
import { approvalCard } from '../../cards/goalCards';
import { NOW } from '../domain/fixtures';
import { asCoordinator, everyCard, everyTemplate, fullTeam, smallestCase, withClosedMeeting } from '../support/sampleCards';

const root = join(__dirname, '..', '..');
const registered = VERBS.map((declaration) => declaration.verb);

function buttonsOf(card: unknown): { verb: string; data: Record<string, unknown> }[] {
  const found: { verb: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute') found.push({ verb: String(record.verb), data: (record.data ?? {}) as Record<string, unknown> });
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
}

describe('the verb registry', () => {
  it('declares each verb once', () => {
    expect(new Set(registered).size).toBe(registered.length);
  });

  it.each([
    ['Danish', da],
    ['English', en],
  ])('is what every button of every card (%s) names, with data that parses as the card sends it', (_language, m: Messages) => {
    const current = smallestCase();
    const young = current.members.find((member) => member.role === 'youngPerson')!;
    const awaitingApproval = withClosedMeeting();
    const closed = awaitingApproval.meetings.find((meeting) => meeting.closure)!;
    const cards = { ...everyCard(m, fullTeam()), ...everyTemplate(m, current, 25, young), awaitingApproval: approvalCard(m, asCoordinator(awaitingApproval), closed, NOW) };
    const buttons = Object.entries(cards).flatMap(([name, card]) => buttonsOf(card).map((button) => ({ name, ...button })));
    for (const { name, verb, data } of buttons) {
      expect(registered, `${name}: ${verb}`).toContain(verb);
      expect(parseCardAction({ action: { type: 'Action.Execute', verb, data } }), `${name}: ${verb}`).toMatchObject({ ok: true });
    }
    // No verb is declared that no card uses.
    expect(new Set(buttons.map((button) => button.verb))).toEqual(new Set(registered));
  });

  it('is the verb table of cards/README.md, no more and no less', () => {
    const readme = readFileSync(join(root, 'cards', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Card actions'), readme.indexOf('### What the bot sends by itself'));
    const firstCells = section.split('\n').filter((line) => line.startsWith('| `')).map((line) => line.split('|')[1]!);
    const documented = firstCells.flatMap((cell) => [...cell.matchAll(/`([a-zA-Z]+\.[a-zA-Z]+)`/g)].map((match) => match[1]!));
    expect(new Set(documented)).toEqual(new Set(registered));
  });

  it('refuses a version no declaration reads, and one from a newer bot', () => {
    const execute = (v: number) => ({ action: { type: 'Action.Execute', verb: 'team.remove', data: { v, caseId: 'c1', memberId: 'm1' } } });
    expect(parseCardAction(execute(1)).ok).toBe(true);
    expect(parseCardAction(execute(99))).toEqual({ ok: false, problem: 'newerVersion' });
  });
});

describe('the command table', () => {
  it('gives every command its aliases in both languages, each read back as that command', () => {
    for (const name of COMMAND_NAMES) {
      const { da: danish, en: english } = COMMANDS[name].aliases;
      for (const alias of [...danish, ...english]) expect(parseCommand(alias)?.name, alias).toBe(name);
    }
  });

  it.each([
    ['Danish', da],
    ['English', en],
  ])('is what `help` lists in %s: every command by its first alias in that language, nothing "coming soon" that works', (_language, m: Messages) => {
    const help = helpText(m);
    for (const name of COMMAND_NAMES) expect(help).toContain(`**${COMMANDS[name].aliases[m.language][0]}**: ${m.commands[name].help}`);
    expect(help).not.toMatch(/påmindelser|reminders/i);
  });

  it('is the app manifest: its command lists (Danish) and their English localization', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'appPackage', 'manifest.json'), 'utf8')) as {
      bots: { commandLists: { scopes: ManifestScope[]; commands: { title: string; description: string }[] }[] }[];
    };
    const english = JSON.parse(readFileSync(join(root, 'appPackage', 'en.json'), 'utf8')) as Record<string, string>;
    const lists = manifest.bots[0]!.commandLists;
    const scopes: ManifestScope[] = ['team', 'groupChat', 'personal'];
    expect(lists.map((list) => list.scopes)).toEqual(scopes.map((scope) => [scope]));
    lists.forEach((list, listIndex) => {
      const scope = list.scopes[0]!;
      expect(list.commands).toEqual(manifestCommands(da, scope));
      const localized = manifestCommands(en, scope).flatMap((command, index) => [
        [`bots[0].commandLists[${listIndex}].commands[${index}].title`, command.title],
        [`bots[0].commandLists[${listIndex}].commands[${index}].description`, command.description],
      ]);
      const inFile = Object.entries(english).filter(([key]) => key.startsWith(`bots[0].commandLists[${listIndex}].`));
      expect(inFile).toEqual(localized);
    });
  });
});
