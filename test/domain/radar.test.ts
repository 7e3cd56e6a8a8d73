import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import type { Closure } from '../../bot/domain/closing';
import type { Meeting } from '../../bot/domain/meeting';
import type { Who5Answers } from '../../bot/domain/measures';
import { RADAR_KINDS, type RadarCase, radarItems, sortRadar } from '../../bot/domain/radar';
import { sampleCase } from './fixtures';

// Monday 7 December 2026, 08:00 in Copenhagen.
const NOW = new Date('2026-12-07T07:00:00Z');

const meeting = (id: string, startsAt: string, status: Meeting['status'], extra: Partial<Meeting> = {}): Meeting => ({
  id,
  status,
  startsAt,
  createdAt: startsAt,
  answers: {},
  answerLog: [],
  ...extra,
});

const closure = (extra: Partial<Closure> = {}): Closure => ({
  waitingArrangement: 'x',
  feedbackMemberId: 'm-coordinator',
  eyeKeeperMemberId: 'm-coordinator',
  acuteContactMemberId: 'm-coordinator',
  nextMeetingId: 'next',
  summary: 'x',
  closedAt: '2026-10-01T12:00:00Z',
  closedByAadObjectId: 'aad-coordinator',
  sentBack: [],
  feedbackGiven: { at: '2026-10-02T12:00:00Z', byAadObjectId: 'aad-coordinator' },
  ...extra,
});

/** A case a year old with the model's rhythm kept: three meetings in the year, the next planned, a young person far from a transition. */
function calmCase(): Case {
  const base = sampleCase({ birthDate: '2009-09-01' });
  return {
    ...base,
    createdAt: '2025-06-01T10:00:00Z',
    meetings: [
      meeting('m1', '2026-02-01T09:00:00Z', 'held', { closure: closure() }),
      meeting('m2', '2026-06-01T09:00:00Z', 'held', { closure: closure() }),
      meeting('m3', '2026-10-01T09:00:00Z', 'held', { closure: closure({ approval: { approvedOn: '2026-10-02', recordedAt: '2026-10-02T10:00:00Z', byAadObjectId: 'aad-coordinator' } }) }),
      // Planned as the transition meeting at 17½ (1 March 2027).
      meeting('next', '2027-01-20T09:00:00Z', 'planned', { transitionAge: '17½' }),
    ],
  };
}

const who5 = (id: string, on: string, answers: Who5Answers) => ({ id, on, answers, byMemberId: 'm-coordinator', at: `${on}T10:00:00Z` });
const kinds = (current: Case, now = NOW) => radarItems(current, now).map((item) => item.kind);

describe('radar items of one case', () => {
  it('are none when the rhythm is kept and nothing is open', () => {
    expect(radarItems(calmCase(), NOW)).toEqual([]);
  });

  it('are none for a closed case', () => {
    const closed = { ...calmCase(), meetings: [], closedAt: '2026-11-01T10:00:00Z' };
    expect(radarItems(closed, NOW)).toEqual([]);
  });

  it('name a marked WHO-5 drop before a low score, and a low score alone', () => {
    const dropped = { ...calmCase(), measures: { who5: [who5('w1', '2026-10-01', [4, 4, 4, 4, 4]), who5('w2', '2026-11-01', [2, 2, 2, 2, 2])], readiness: [] } };
    expect(radarItems(dropped, NOW)).toEqual([{ kind: 'who5Drop', rank: 0, score: 40, drop: 40 }]);
    const low = { ...calmCase(), measures: { who5: [who5('w1', '2026-11-01', [2, 2, 2, 2, 2])], readiness: [] } };
    expect(radarItems(low, NOW)).toEqual([{ kind: 'who5Low', rank: 1, score: 40 }]);
  });

  it('count open agreements whose follow-up date has passed, not one due today', () => {
    const agreement = (id: string, followUpOn: string, status: 'open' | 'done' = 'open') => ({
      id,
      goalId: 'g',
      action: 'a',
      ownerMemberId: 'm-coordinator',
      followUpOn,
      followUpMethod: 'phone' as const,
      status,
      history: [],
    });
    const current = { ...calmCase(), agreements: [agreement('a1', '2026-12-04'), agreement('a2', '2026-12-06'), agreement('a3', '2026-12-07'), agreement('a4', '2026-11-01', 'done')] };
    expect(radarItems(current, NOW)).toEqual([{ kind: 'agreementsOverdue', rank: 2, count: 2 }]);
  });

  it('say feedback is not given two days after the latest meeting, not before', () => {
    const base = calmCase();
    const last = base.meetings[2]!;
    const current = { ...base, meetings: [...base.meetings.slice(0, 2), { ...last, startsAt: '2026-12-04T09:00:00Z', closure: closure({ feedbackGiven: undefined, approval: last.closure!.approval! }) }, base.meetings[3]!] };
    expect(kinds(current)).toEqual(['feedbackNotGiven']);
    expect(kinds(current, new Date('2026-12-06T08:59:00Z'))).toEqual([]);
  });

  it('say the eye-keeper has not acknowledged the hand-over a day after approval; none when the coordinator keeps the eye', () => {
    const base = calmCase();
    const last = base.meetings[2]!;
    const withEyeKeeper = (eyeKeeperMemberId: string, acknowledged?: string) => ({
      ...base,
      meetings: [...base.meetings.slice(0, 2), { ...last, closure: { ...last.closure!, eyeKeeperMemberId, ...(acknowledged ? { handOverAcknowledgedAt: acknowledged } : {}) } }, base.meetings[3]!],
    });
    expect(radarItems(withEyeKeeper('m-young'), NOW)).toEqual([{ kind: 'handOverNotAcknowledged', rank: 4, eyeKeeperMemberId: 'm-young' }]);
    expect(kinds(withEyeKeeper('m-young', '2026-10-03T08:00:00Z'))).toEqual([]);
    expect(kinds(withEyeKeeper('m-coordinator'))).toEqual([]);
  });

  it('warn of consent 30 days before it expires, and after; never of a withdrawn one', () => {
    const consent = { id: 'c', givenByYoungPerson: true, givenOn: '2025-12-01', expiresOn: '2027-01-06', partyMemberIds: [], recordedByAadObjectId: 'a', recordedAt: '2025-12-01T10:00:00Z' };
    expect(kinds({ ...calmCase(), consents: [consent] })).toEqual(['consentExpiring']);
    expect(kinds({ ...calmCase(), consents: [{ ...consent, expiresOn: '2027-01-07' }] })).toEqual([]);
    expect(radarItems({ ...calmCase(), consents: [{ ...consent, expiresOn: '2026-12-06' }] }, NOW)).toEqual([{ kind: 'consentExpired', rank: 5, expiresOn: '2026-12-06' }]);
    expect(kinds({ ...calmCase(), consents: [{ ...consent, expiresOn: '2026-12-06', withdrawnAt: '2026-11-01T10:00:00Z' }] })).toEqual([]);
  });

  it('say no network meeting is planned (an internal one does not count), and fewer than three in a year once the case is a year old', () => {
    const base = calmCase();
    const noneAhead = { ...base, meetings: [...base.meetings.slice(0, 3), meeting('int', '2027-01-10T09:00:00Z', 'planned', { kind: 'internal' })] };
    expect(kinds(noneAhead)).toEqual(['noMeetingPlanned']);
    const twoHeld = { ...base, meetings: base.meetings.slice(1) };
    expect(radarItems(twoHeld, NOW)).toEqual([{ kind: 'fewMeetings', rank: 8, held: 2 }]);
    expect(kinds({ ...twoHeld, createdAt: '2026-01-01T10:00:00Z' })).toEqual([]);
  });

  it('say a transition meeting is due from two months before the birthday to three months after, unless one is planned or held as it', () => {
    // Turns 17½ on 1 March 2027: due from 1 January 2027 (the planned meeting of 20 January is the transition meeting), missing, not due, after 1 June.
    const base = calmCase();
    const noMeeting = { ...base, meetings: [...base.meetings.slice(0, 3), meeting('next', '2026-12-20T09:00:00Z', 'planned')] };
    expect(kinds(noMeeting, new Date('2026-12-31T12:00:00Z'))).not.toContain('transitionMeetingDue');
    expect(radarItems(noMeeting, new Date('2027-01-01T12:00:00Z'))).toContainEqual({ kind: 'transitionMeetingDue', rank: 9, age: '17½', birthday: '2027-03-01' });
    expect(kinds(noMeeting, new Date('2027-06-02T12:00:00Z'))).not.toContain('transitionMeetingDue');
    expect(kinds(base, new Date('2027-01-05T12:00:00Z'))).not.toContain('transitionMeetingDue');
  });

  it('say the 18-year hand-over is due from 17½ until recorded', () => {
    // 17½ on 1 November 2026: the meeting of 1 October was held as the transition meeting of 17½.
    const calm = calmCase();
    const meetings = calm.meetings.map((held) => (held.id === 'm3' ? { ...held, transitionAge: '17½' as const } : held.id === 'next' ? { ...held, transitionAge: undefined } : held));
    const current = { ...calm, meetings, youngPerson: { ...calm.youngPerson, birthDate: '2009-05-01' } };
    expect(kinds(current)).toEqual(['adultHandOverDue']);
    expect(kinds({ ...current, adultHandOver: { continues: 'efterværn', recordedAt: '2026-11-02T10:00:00Z', byAadObjectId: 'aad-coordinator' } })).toEqual([]);
  });

  it('are ordered most urgent first', () => {
    const base = calmCase();
    const current: Case = {
      ...base,
      meetings: base.meetings.slice(1, 3),
      measures: { who5: [who5('w1', '2026-11-01', [1, 1, 1, 1, 1])], readiness: [] },
      agreements: [{ id: 'a', goalId: 'g', action: 'a', ownerMemberId: 'm-coordinator', followUpOn: '2026-12-01', followUpMethod: 'phone', status: 'open', history: [] }],
    };
    expect(kinds(current)).toEqual(['who5Low', 'agreementsOverdue', 'noMeetingPlanned', 'fewMeetings']);
  });
});

describe('the radar of a coordinator’s cases', () => {
  const entry = (reference: string, ...itemKinds: Array<(typeof RADAR_KINDS)[number]>): RadarCase => ({
    caseId: reference,
    reference,
    items: itemKinds.map((kind) => ({ kind, rank: RADAR_KINDS.indexOf(kind) }) as RadarCase['items'][number]),
  });

  it('puts the case with the most urgent item first, then the one with more items, then by reference; leaves out cases with none', () => {
    const sorted = sortRadar([
      entry('S-D', 'noMeetingPlanned'),
      entry('S-C', 'adultHandOverDue', 'agreementsOverdue'),
      entry('S-B', 'fewMeetings', 'noMeetingPlanned'),
      entry('S-E'),
      entry('S-A', 'who5Drop'),
      entry('S-F', 'noMeetingPlanned'),
    ]);
    expect(sorted.map((radar) => radar.reference)).toEqual(['S-A', 'S-C', 'S-B', 'S-D', 'S-F']);
    expect(sorted[1]!.items.map((item) => item.kind)).toEqual(['agreementsOverdue', 'adultHandOverDue']);
  });

  it('ranks the kinds in the order the model asks', () => {
    expect(RADAR_KINDS).toEqual([
      'who5Drop',
      'who5Low',
      'agreementsOverdue',
      'feedbackNotGiven',
      'handOverNotAcknowledged',
      'consentExpired',
      'consentExpiring',
      'noMeetingPlanned',
      'fewMeetings',
      'transitionMeetingDue',
      'adultHandOverDue',
    ]);
  });
});
