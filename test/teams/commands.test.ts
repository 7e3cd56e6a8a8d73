import { describe, expect, it } from 'vitest';
import { normalizeCommandText, parseCommand, stripMentions } from '../../bot/teams/commands';

describe('chat commands', () => {
  it.each([
    ['hjælp', 'help'],
    ['HJÆLP', 'help'],
    ['hjaelp', 'help'],
    ['Hjalp', 'help'],
    ['help', 'help'],
    ['ny sag', 'newCase'],
    ['Ny   SAG', 'newCase'],
    ['new case', 'newCase'],
    ['sag', 'status'],
    ['Status', 'status'],
    ['team', 'team'],
    ['samtykke', 'consent'],
    ['Consent', 'consent'],
    ['møde', 'openMeeting'],
    ['MOEDE', 'openMeeting'],
    ['mode', 'openMeeting'],
    ['open meeting', 'openMeeting'],
    ['mål', 'goals'],
    ['maal', 'goals'],
    ['aflys', 'cancelMeeting'],
    ['afslut', 'closeMeeting'],
    ['mine', 'myTasks'],
    ['My Tasks', 'myTasks'],
    ['statistik', 'stats'],
    ['netværk', 'network'],
    ['NETVAERK', 'network'],
    ['netværksoverblik', 'networkOverview'],
    ['network overview', 'networkOverview'],
    ['indsatser', 'interventions'],
    ['eksport', 'exportCase'],
    ['Eksportér', 'exportCase'],
    ['export', 'exportCase'],
    ['luk sag', 'closeCase'],
    ['Luk  Sag', 'closeCase'],
    ['close case', 'closeCase'],
    ['slet sag', 'eraseCase'],
    ['SLET SAG', 'eraseCase'],
    ['erase case', 'eraseCase'],
    ['delete case', 'eraseCase'],
  ])('%s is %s', (text, name) => {
    expect(parseCommand(text)?.name).toBe(name);
  });

  it('keeps what follows the command as its argument', () => {
    expect(parseCommand('sag S-7KQ2M')).toEqual({ name: 'status', argument: 'S-7KQ2M' });
    // As typed, not folded like the command itself: AE and AA are letters of a reference.
    expect(parseCommand('Sæg  S-AEBCD')).toEqual({ name: 'status', argument: 'S-AEBCD' });
  });

  it('prefers the longest alias', () => {
    expect(parseCommand('ny sag')?.name).toBe('newCase');
    // "sag" alone is the overview; "luk sag" and "slet sag" are not taken for it, nor "close case" for "close meeting".
    expect(parseCommand('luk sag')?.name).toBe('closeCase');
    expect(parseCommand('slet sag')?.name).toBe('eraseCase');
    expect(parseCommand('close meeting')?.name).toBe('closeMeeting');
  });

  it('does not match a word that only starts like a command', () => {
    expect(parseCommand('teamet')).toBeUndefined();
    expect(parseCommand('sagen')).toBeUndefined();
    expect(parseCommand('hej med dig')).toBeUndefined();
  });

  it('folds Danish letters and accents', () => {
    expect(normalizeCommandText('Æble ØL Å é')).toBe('able ol a e');
  });

  it('removes the mention of the bot from a channel message', () => {
    expect(stripMentions('<at>Samarbejdsbot</at>&nbsp;ny sag')).toBe('ny sag');
    expect(parseCommand(stripMentions('<at>Samarbejdsbot</at> hjælp'))?.name).toBe('help');
  });

  it("reads a hint's @Samarbejdsbot team typed as plain text (a 1:1 chat has no mention to pick)", () => {
    expect(stripMentions('@Samarbejdsbot team')).toBe('team');
    expect(stripMentions('@samarbejdsbot  ny sag')).toBe('ny sag');
    expect(stripMentions('@Samarbejdsbotten team')).toBe('@Samarbejdsbotten team');
  });
});
