// The team's own status (seed 001) through the in-process bot: `teamstatus` and `case.show` with the
// `teamStatus` view, read by the team members with consent, the half-year chosen on the card; in the
// case's conversation only the base card, the figures being about one young person.
import { describe, expect, it } from 'vitest';
import { youngPersonMember } from '../../../bot/domain/case';
import { da } from '../../../bot/i18n/da';
import { writeCommandIn } from '../../../bot/teams/replies';
import type { AdaptiveCardJson } from '../../../cards/render';
import { nodes } from '../../support/cardNodes';
import { CHANNEL, JONAS, LARS, LISE, METTE, NOW, TODAY, botPerFile, cardOf, itRefuses, onlyCard, personalChat, shows } from './botTurns';
import { type SceneCase, caseWithTeam, checklistAnswers, closingOf, expectBaseCard, pickInPersonalChat } from './caseScenes';

// The clock moves on an hour after a case is made: a status counts the cases opened before it is taken.
let clock = NOW;
const turns = botPerFile({ now: () => clock });
const { click, say } = turns;
const labels = da.cards.teamStatus;

/** The usual case with one network meeting held this morning: the young person came, 60 minutes, now in education. */
async function caseWithHeldMeeting(where?: Parameters<typeof caseWithTeam>[1]): Promise<SceneCase> {
  clock = NOW;
  const theCase = await caseWithTeam(turns, where);
  const { caseId, home } = theCase;
  cardOf(await click(METTE, home, 'meeting.open', { caseId, meetingDate: TODAY, meetingTime: '08:00' }));
  const current = await turns.storedCase(caseId);
  const meetingId = current.meetings[0]!.id;
  const answers = { [`attended_${youngPersonMember(current).id}`]: 'yes', evalLengthMinutes: '60', youngPersonStatus: 'education' };
  cardOf(await click(METTE, home, 'meeting.answer', checklistAnswers(caseId, meetingId, answers)));
  cardOf(await click(METTE, home, 'meeting.close', { caseId, meetingId, ...(await closingOf(turns, theCase)) }));
  clock = new Date(NOW.getTime() + 60 * 60 * 1000);
  return theCase;
}

const factsOf = (card: AdaptiveCardJson): Record<string, string> =>
  Object.fromEntries(nodes(card, 'FactSet').flatMap((factSet) => (factSet.facts as Array<{ title: string; value: string }>).map((fact) => [fact.title, fact.value])));

describe('case.show with the teamStatus view', () => {
  it("shows a team member with consent the team's figures for the half-year so far, and audits the read", async () => {
    const { caseId, reference, home } = await caseWithHeldMeeting();
    const card = cardOf(await click(JONAS, home, 'case.show', { caseId, view: 'teamStatus' }));
    expect(shows(card, labels.title(reference))).toBe(true);
    expect(shows(card, labels.periodSoFar('2\\. halvår 2026 (01.07.2026–31.12.2026)', '23.11.2026'))).toBe(true);
    expect(factsOf(card)).toMatchObject({
      [labels.held]: '1',
      [labels.cancelled]: '0',
      [labels.figures.youngPersonPresent]: '1 af 1 (100\u00A0%)',
      [labels.meetingLength]: '60 minutter',
      [labels.statusAtStart]: da.statuses.neither,
      [labels.statusNow(false)]: da.statuses.education,
    });
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ actorAadObjectId: JONAS.aadObjectId, action: 'teamStatus.read', outcome: 'ok' });
  });

  it('shows the half-year chosen on the card, and refuses one not begun or not a half-year before reading', async () => {
    const { caseId, home } = await caseWithHeldMeeting();
    const card = cardOf(await click(JONAS, home, 'case.show', { caseId, view: 'teamStatus', period: '2026h2' }));
    expect(nodes(card, 'Input.ChoiceSet')[0]).toMatchObject({ id: 'period', value: '2026H2', choices: [expect.objectContaining({ value: '2026H2' })] });

    const before = turns.bot().rowCounts();
    expect(await click(JONAS, home, 'case.show', { caseId, view: 'teamStatus', period: '2027H1' })).toEqual({ message: da.errors.periodNotStarted({ period: '2027H1' }, writeCommandIn(home.kind)) });
    expect(await click(JONAS, home, 'case.show', { caseId, view: 'teamStatus', period: '2026H3' })).toEqual({ message: da.errors.invalidPeriod({}, writeCommandIn(home.kind)) });
    expect(turns.bot().rowCounts()).toEqual(before);
  });
});

describe('refused because of who asks', () => {
  itRefuses(turns, () => caseWithTeam(turns), [
    { verb: 'case.show', who: LARS, code: 'noValidConsent', audited: 'teamStatus.read', data: () => ({ view: 'teamStatus' }) },
    { verb: 'case.show', who: LISE, code: 'notTeamMember', audited: 'teamStatus.read', data: () => ({ view: 'teamStatus', period: '2026H2' }) },
  ]);
});

describe('teamstatus', () => {
  it("answers in the case's channel thread with a base card: the figures only as each member's own view", async () => {
    const { caseId, reference, home } = await caseWithHeldMeeting(CHANNEL);
    const base = onlyCard(await say(LISE, home, 'teamstatus'));
    expectBaseCard(base, caseId, 'teamStatus', labels.title(reference));
    expect(base.refresh).toMatchObject({ action: { verb: 'case.show', data: { caseId, view: 'teamStatus' } }, userIds: expect.arrayContaining([JONAS.teamsUserId, LARS.teamsUserId]) });
    for (const personal of [da.statuses.neither, da.statuses.education, labels.held, labels.figures.youngPersonPresent]) expect(JSON.stringify(base)).not.toContain(personal);
    // Written in English, the same.
    expectBaseCard(onlyCard(await say(LISE, home, 'team status')), caseId, 'teamStatus', labels.title(reference));
  });

  it('answers in a 1:1 chat with the figures of the chosen case', async () => {
    const { caseId } = await caseWithHeldMeeting();
    await pickInPersonalChat(turns, JONAS, caseId);
    const card = onlyCard(await say(JONAS, personalChat(JONAS), 'halvårsstatus'));
    expect(factsOf(card)).toMatchObject({ [labels.held]: '1', [labels.statusNow(false)]: da.statuses.education });
  });
});
