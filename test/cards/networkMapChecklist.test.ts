// The checklist's two network-map questions (seed 001: "Er der udarbejdet et netværkskort …?", "Blev
// netværkskortet … anvendt i forberedelse til netværksmødet?") offered from the map in the bot: "yes" in
// the input while nobody has answered, `seen` saying unanswered, so that saving the section records it.
import { describe, expect, it } from 'vitest';
import { answerFingerprint } from '../../cards/fingerprint';
import { checklistCard } from '../../cards/meetingCards';
import type { Case } from '../../bot/domain/case';
import { type Meeting, planMeeting } from '../../bot/domain/meeting';
import { addMapPerson, networkMapAnswers, recordMapShown } from '../../bot/domain/networkMap';
import { da } from '../../bot/i18n/da';
import { nodesWhere } from '../support/cardNodes';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';

const by = COORDINATOR.aadObjectId;
const DAY = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

/** A case with a network meeting held 30 days ago and one planned in 20 days. */
function withMeetings(): { current: Case; planned: Meeting } {
  const held = { ...planMeeting(sampleCase(), 'm-held', { date: '2026-12-01', time: '10:00' }, by, NOW).meetings[0]!, status: 'held' as const, startsAt: at(-30).toISOString() };
  const current = planMeeting({ ...sampleCase(), meetings: [held] }, 'm-next', { date: '2026-12-14', time: '10:00' }, by, NOW);
  return { current, planned: current.meetings.find((meeting) => meeting.id === 'm-next')! };
}

const withMormor = (current: Case) => addMapPerson(current, { field: 'family', closeness: 1, name: 'Mormor' }, by, at(-40));

describe("the checklist's network-map questions", () => {
  it('are offered as made once someone is on the map, and as used once it was shown since the last network meeting', () => {
    const { current, planned } = withMeetings();
    expect(networkMapAnswers(current, planned)).toEqual({});
    expect(networkMapAnswers(withMormor(current), planned)).toEqual({ prepNetworkMapMade: 'yes' });
    expect(networkMapAnswers(recordMapShown(withMormor(current), by, at(-35)), planned)).toEqual({ prepNetworkMapMade: 'yes' });
    expect(networkMapAnswers(recordMapShown(withMormor(current), by, at(-2)), planned)).toEqual({ prepNetworkMapMade: 'yes', prepNetworkMapUsed: 'yes' });
  });

  it('puts the offer in the input and tells the bot it is not yet answered; an answer given stands', () => {
    const { current, planned } = withMeetings();
    const mapped = recordMapShown(withMormor(current), by, at(-2));
    const inputOf = (card: unknown, id: string) => nodesWhere(card, (node) => node.id === id)[0];
    const seenOf = (card: unknown) => nodesWhere(card, (node) => typeof node.seen === 'object' && node.seen !== null && 'prepNetworkMapMade' in (node.seen as object))[0]?.seen as Record<string, string>;
    const offered = checklistCard(da, { case: mapped, viewer: mapped.members[0]! }, planned);
    expect(inputOf(offered, 'prepNetworkMapMade')).toMatchObject({ value: 'yes' });
    expect(inputOf(offered, 'prepNetworkMapUsed')).toMatchObject({ value: 'yes' });
    expect(seenOf(offered)).toMatchObject({ prepNetworkMapMade: answerFingerprint(''), prepNetworkMapUsed: answerFingerprint('') });

    const answered = { ...planned, answers: { prepNetworkMapUsed: 'no' } };
    const card = checklistCard(da, { case: { ...mapped, meetings: mapped.meetings.map((meeting) => (meeting.id === planned.id ? answered : meeting)) }, viewer: mapped.members[0]! }, answered);
    expect(inputOf(card, 'prepNetworkMapUsed')).toMatchObject({ value: 'no' });
    expect(seenOf(card)).toMatchObject({ prepNetworkMapUsed: answerFingerprint('no') });
  });
});
