// A case with a fixed progress: seven months of WHO-5 (one record corrected), readiness (BIP) three times
// on a test set of indicators and once on a set nobody knows, three network meetings held (the status
// recorded at two), an internal meeting and a cancelled one (neither on the time line). The latest WHO-5
// is 36, twelve points under the one before: low and a marked drop. Ali keeps an eye (meeting 2's closure).
import type { Case, EducationStatus } from '../../bot/domain/case';
import type { Closure } from '../../bot/domain/closing';
import type { Meeting } from '../../bot/domain/meeting';
import type { ReadinessRecord, Who5Answers, Who5Record } from '../../bot/domain/measures';
import { type ReadinessSetOf, readinessSetsOf } from '../../bot/domain/progress';
import type { ReadinessIndicatorSet } from '../../bot/domain/readinessIndicators';
import { addMember } from '../../bot/domain/team';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';

/** Scored 1 to 4; two indicators per instrument. */
const scale = { min: 1, max: 4, low: { da: 'slet ikke', en: 'not at all' }, high: { da: 'helt', en: 'fully' } };
const indicator = (id: string) => ({ id, name: { da: id, en: id }, scale });
export const TEST_INDICATORS: ReadinessIndicatorSet = {
  id: 'bip-test',
  instruments: [
    { id: 'education', name: { da: 'BIP Uddannelse', en: 'BIP Education' }, indicators: [indicator('edu-1'), indicator('edu-2')] },
    { id: 'work', name: { da: 'BIP Beskæftigelse', en: 'BIP Employment' }, indicators: [indicator('work-1'), indicator('work-2')] },
  ],
};
export const testSets: ReadinessSetOf = readinessSetsOf(TEST_INDICATORS);

/** The day after the latest record. */
export const TREND_NOW = new Date('2027-06-22T08:00:00Z');

const by = COORDINATOR.aadObjectId;

function held(id: string, number: number, day: string, status?: EducationStatus, closure?: Closure): Meeting {
  return {
    id,
    number,
    status: 'held',
    startsAt: `${day}T08:00:00.000Z`,
    createdAt: NOW.toISOString(),
    openedAt: `${day}T08:00:00.000Z`,
    answers: status ? { youngPersonStatus: status } : {},
    answerLog: [],
    ...(closure ? { closure } : {}),
  };
}

const who5 = (id: string, on: string, answers: Who5Answers, corrects?: string): Who5Record => ({
  id,
  on,
  answers,
  byMemberId: 'm-coordinator',
  at: `${on}T12:00:00.000Z`,
  ...(corrects ? { corrects } : {}),
});

const readiness = (id: string, on: string, setId: string, scores: Record<string, number>): ReadinessRecord => ({ id, on, setId, scores, byMemberId: 'm-coordinator', at: `${on}T12:00:00.000Z` });

export function trendCase(): Case {
  const base = addMember(sampleCase(), { role: 'housingSupport', person: { kind: 'teams', aadObjectId: 'aad-ali', name: 'Ali Hassan' } }, 'm-ali', by, NOW);
  const closure: Closure = {
    waitingArrangement: 'Ali holder kontakten',
    feedbackMemberId: 'm-coordinator',
    eyeKeeperMemberId: 'm-ali',
    acuteContactMemberId: 'm-ali',
    nextMeetingId: 'meeting-3',
    summary: 'Skole.',
    closedAt: '2027-03-15T10:00:00.000Z',
    closedByAadObjectId: by,
    sentBack: [],
    approval: { approvedOn: '2027-03-15', recordedAt: '2027-03-15T11:00:00.000Z', byAadObjectId: by },
  };
  return {
    ...base,
    meetings: [
      held('meeting-1', 1, '2026-12-07', 'neither'),
      held('meeting-2', 2, '2027-03-15', 'education', closure),
      { ...held('meeting-internal', 0, '2027-04-10'), kind: 'internal', number: undefined },
      { ...held('meeting-cancelled', 0, '2027-05-01'), status: 'cancelled', number: undefined },
      held('meeting-3', 3, '2027-06-21'),
    ],
    measures: {
      who5: [
        who5('w1', '2026-12-07', [3, 3, 3, 3, 3]),
        who5('w2', '2027-01-11', [3, 3, 2, 3, 3]),
        who5('w3', '2027-02-08', [2, 2, 2, 2, 2]),
        who5('w4', '2027-03-15', [3, 3, 3, 2, 3]),
        who5('w5', '2027-04-12', [1, 1, 1, 1, 1]),
        who5('w5b', '2027-04-12', [3, 3, 3, 3, 2], 'w5'),
        who5('w6', '2027-05-10', [2, 3, 2, 3, 2]),
        who5('w7', '2027-06-21', [2, 2, 2, 2, 1]),
      ],
      readiness: [
        readiness('r1', '2026-12-07', 'bip-test', { 'edu-1': 2, 'edu-2': 3, 'work-1': 1, 'work-2': 2 }),
        readiness('r-old', '2027-01-11', 'bip-old', { a: 1 }),
        readiness('r2', '2027-03-15', 'bip-test', { 'edu-1': 3, 'edu-2': 3, 'work-1': 2, 'work-2': 2 }),
        readiness('r3', '2027-06-21', 'bip-test', { 'edu-1': 4, 'edu-2': 3, 'work-1': 2, 'work-2': 3 }),
      ],
    },
  };
}
