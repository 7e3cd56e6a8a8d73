// bot/teams/actions/radar.ts through the in-process bot: `radar` in the 1:1 chat lists the cases the
// person coordinates that need attention now, audited per case read; others' cases are not on it.
import { describe, expect, it } from 'vitest';
import { da } from '../../../bot/i18n/da';
import { en } from '../../../bot/i18n/en';
import { CHANNEL, JONAS, METTE, botPerFile, newGroupChat, onlyCard, personalChat, textsOf } from './botTurns';
import { caseWithTeam } from './caseScenes';

const turns = botPerFile();
const { say } = turns;
const labels = da.cards.radar;

describe('radar', () => {
  it('lists the coordinator’s case with what needs attention now, and audits the read', async () => {
    // A new case of a young person of 19: no meeting planned, the hand-over to the adults' administration due.
    const { caseId, reference } = await caseWithTeam(turns);
    const card = onlyCard(await say(METTE, personalChat(METTE), 'radar'));
    const texts = textsOf(card);
    expect(texts[0]).toBe(labels.nowTitle(1));
    expect(texts.slice(2)).toEqual([labels.caseHeading(reference), `• ${labels.items.noMeetingPlanned}`, `• ${labels.items.adultHandOverDue}`]);
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ actorAadObjectId: METTE.aadObjectId, action: 'radar.read', outcome: 'ok' });
  });

  it('answers in English to an English Teams', async () => {
    await caseWithTeam(turns);
    expect(textsOf(onlyCard(await say(METTE, personalChat(METTE), 'radar', 'en-GB')))[0]).toMatch(/^Radar: \d+ cases need your attention$/);
    expect(en.cards.radar.nowTitle(2)).toBe('Radar: 2 cases need your attention');
  });

  it('says nothing needs attention to a member who coordinates no case', async () => {
    await caseWithTeam(turns);
    expect(await say(JONAS, personalChat(JONAS), 'radar')).toMatchObject([{ text: labels.nothing }]);
  });

  it.each([
    ['a group chat', newGroupChat()],
    ['a channel', CHANNEL],
  ])('is refused in %s, naming the 1:1 chat', async (_where, where) => {
    expect(await say(METTE, where, 'radar')).toMatchObject([{ text: labels.onlyInPersonalChat }]);
  });
});
