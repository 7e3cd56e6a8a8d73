// A case at every limit of bot/domain/limits.ts, built with the real domain functions and compacted
// after each change as guardedChange does: a full team with every text at its maximum, ten years of
// meetings (four a year, every question answered and re-answered, minutes sent back and approved),
// every goal revised and judged again and again, every agreement moved and changed again and again, and
// the requests for changes a case may hold.
import type { Case } from '../../bot/domain/case';
import { approveMinutes, closeMeeting, sendBackMinutes } from '../../bot/domain/closing';
import { recordConsent } from '../../bot/domain/consent';
import { GOAL_THEMES, addAgreement, addGoal, markGoal, moveAgreement, reviseGoal } from '../../bot/domain/goals';
import { CASE_LIMITS, HISTORY_KEPT, compactCase } from '../../bot/domain/limits';
import { askToChangeAgreement, changeAgreement, declineChangeRequest } from '../../bot/domain/agreementChanges';
import { answerChecklist, checklistQuestions, openMeeting, plannedMeetingOf } from '../../bot/domain/meeting';
import { MAX_TEAM_SIZE, addMember } from '../../bot/domain/team';
import { MAP_FIELDS, NETWORK_MAP_LIMITS, addMapPerson, linkMapPersons } from '../../bot/domain/networkMap';
import { INTERVENTION_LIMITS, addIntervention, changeIntervention, setInterventionStatus } from '../../bot/domain/interventions';
import { localDate } from '../../bot/domain/fields';
import { MEASURE_LIMITS, recordReadiness, recordWho5 } from '../../bot/domain/measures';
import { indicatorsOf } from '../../bot/domain/readinessIndicators';
import { DEFAULT_READINESS_INDICATORS } from '../../bot/readinessIndicators';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';

const by = COORDINATOR.aadObjectId;
const DAY = 24 * 60 * 60 * 1000;

/** Realistic Danish letters (æ, ø and å take two bytes), cut to `length`, starting with `seed`. */
export const text = (length: number, seed = '') =>
  `${seed} Emil ønsker at gå på erhvervsskole og få en læreplads hos en tømrer tæt på sin bolig i Århus. `.repeat(Math.ceil(length / 60) + 1).slice(0, length);
const realisticText: TextOf = text;

/**
 * The worst text for a card's size: characters that the markdown escaping doubles (`*`, `_`, `[`), and
 * `ø` (two bytes), cut to `length`, starting with `seed`. Each escaped character costs two more bytes of
 * card JSON (the backslash is itself escaped in JSON).
 */
export const markdownText = (length: number, seed = '') => `${seed} ${'*ø_['.repeat(Math.ceil(length / 4) + 1)}`.slice(0, length);

export type TextOf = (length: number, seed?: string) => string;

/** A member id as the bot makes them (randomUUID), so that question ids have their real length. */
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Repeats a change `times` times, compacting after each as every save does. */
function repeat(current: Case, times: number, change: (current: Case, index: number) => Case): Case {
  let changed = current;
  for (let index = 0; index < times; index++) changed = compactCase(change(changed, index));
  return changed;
}

function fullTeamAtLimits(text: TextOf): Case {
  return repeat(sampleCase(), MAX_TEAM_SIZE - 2, (current, index) =>
    addMember(
      current,
      index % 2 === 0
        ? { role: 'other', otherRoleName: text(200, `r${index}`), person: { kind: 'teams', aadObjectId: uuid(1000 + index), teamsUserId: `29:${uuid(2000 + index)}`, name: text(200, `n${index}`) }, supportOffer: text(500, `s${index}`) }
        : { role: 'vip', person: { kind: 'external', name: text(200, `n${index}`), phone: '+45 1234 5678 901234', mainPhone: '+45 7011 2233 445566', email: `${'a'.repeat(180)}@example.dk`, postalAddress: text(100, `p${index}`) }, supportOffer: text(500, `s${index}`) },
      uuid(index),
      by,
      NOW,
    ),
  );
}

/** One meeting, opened on `day`: every question answered, then each answered again `reanswers` times. */
function holdMeeting(current: Case, day: Date, meetingNumber: number, reanswers: number, text: TextOf): Case {
  const date = localDate(day);
  let changed = compactCase(openMeeting(current, `meeting-${meetingNumber}`, { date, time: '10:00' }, by, day));
  const meeting = changed.meetings.find((candidate) => candidate.status === 'open')!;
  const answerAll = (round: number) =>
    Object.fromEntries(
      checklistQuestions(changed, meeting).map((question) => {
        switch (question.kind) {
          case 'text':
            return [question.id, text(200, `${round}`)];
          case 'minutes':
            return [question.id, String(60 + round)];
          case 'member':
            return [question.id, changed.members[round % 3]!.id];
          case 'vipMember':
            return [question.id, changed.members.filter((member) => member.role === 'vip')[round % 2]!.id];
          case 'yesNoUnknown':
            return [question.id, ['yes', 'no', 'unknown'][round % 3]!];
          case 'educationStatus':
            return [question.id, ['education', 'work', 'neither'][round % 3]!];
          case 'vipSource':
            return [question.id, ['private', 'professional'][round % 2]!];
          default:
            return [question.id, round % 2 === 0 ? 'yes' : 'no'];
        }
      }),
    );
  changed = repeat(changed, reanswers + 1, (current, round) => answerChecklist(current, meeting.id, answerAll(round), by, day));
  const next = new Date(day.getTime() + 90 * DAY);
  changed = compactCase(
    closeMeeting(
      changed,
      meeting.id,
      {
        waitingArrangement: text(500, 'w'),
        feedbackMemberId: 'm-coordinator',
        eyeKeeperMemberId: 'm-coordinator',
        acuteContactMemberId: 'm-coordinator',
        nextMeetingDate: localDate(next),
        nextMeetingTime: '10:00',
        summary: text(2000, 's'),
      },
      `meeting-${meetingNumber}-next`,
      by,
      day,
    ),
  );
  changed = repeat(changed, 6, (current, index) => sendBackMinutes(current, meeting.id, text(2000, `c${index}`), by, day));
  return compactCase(approveMinutes(changed, meeting.id, date, by, day));
}

export interface LimitCaseOptions {
  years?: number;
  /** How often every checklist answer is changed again after the first round. */
  reanswers?: number;
  /** How every free text is written (at its maximum length): realistic letters by default. */
  textOf?: TextOf;
}

/**
 * Every count at its limit and every text at its maximum: 60 members, 24 goals, 100 agreements, ten
 * years of meetings (40, four a year), each history well past what is kept.
 */
export function caseAtEveryLimit({ years = 10, reanswers = 6, textOf: text = realisticText }: LimitCaseOptions = {}): Case {
  let current = fullTeamAtLimits(text);
  // The young person's address at its limits (Adresse, Postnummer, By).
  const { youngPerson } = current;
  current = { ...current, youngPerson: { ...youngPerson, contact: { ...youngPerson.contact, address: text(500, 'a'), postalCode: '9999', city: text(200, 'c') } } };
  const parties = current.members.map((member) => member.id);
  let day = NOW;
  // Goals and agreements from the first meeting on; then four meetings a year, consent recorded twice a
  // year: in ten years as many consent records as a case may hold, every one kept.
  for (let meetingNumber = 1; meetingNumber <= years * 4; meetingNumber++) {
    if (meetingNumber % 2 === 1 && current.consents.length < CASE_LIMITS.consents) {
      current = compactCase(
        recordConsent(current, { givenByYoungPerson: true, parentalHolderName: text(200, 'p'), secondParentalHolderName: text(200, 'q'), givenOn: localDate(day), expiresOn: localDate(new Date(day.getTime() + 400 * DAY)), partyMemberIds: parties }, `consent-${meetingNumber}`, by, day),
      );
    }
    const planned = plannedMeetingOf(current);
    const meetingDay = planned ? new Date(planned.startsAt) : day;
    current = holdMeeting(current, meetingDay, meetingNumber, reanswers, text);
    day = new Date(meetingDay.getTime() + DAY);
  }
  const at = NOW;
  for (const theme of GOAL_THEMES) {
    for (let index = 0; index < CASE_LIMITS.goalsPerTheme; index++) {
      const goalId = `goal-${theme}-${index}`;
      current = compactCase(addGoal(current, { theme, longTermGoal: text(500, goalId), subGoals: text(2000, goalId) }, goalId, by, at));
      current = repeat(current, 6, (changed, round) => reviseGoal(changed, goalId, { longTermGoal: text(500, `${round}${goalId}`), subGoals: text(2000, `${round}${goalId}`) }, by, at));
      current = repeat(current, 6, (changed, round) => markGoal(changed, goalId, round % 2 === 0, text(500, `${round}${goalId}`), by, at));
    }
  }
  const goals = current.goals.map((goal) => goal.id);
  for (let index = 0; index < CASE_LIMITS.agreements; index++) {
    const agreementId = `${uuid(5000 + index)}`;
    current = compactCase(
      addAgreement(
        current,
        // The first goal gets all it may have; the rest are spread over the others.
        index < CASE_LIMITS.agreementsPerGoal ? goals[0]! : goals[1 + (index % (goals.length - 1))]!,
        { action: text(500, `a${index}`), ownerMemberId: current.members[index % current.members.length]!.id, followUpOn: localDate(day), followUpMethod: 'other', followUpMethodOther: text(200, `m${index}`) },
        agreementId,
        by,
        day,
      ),
    );
    current = repeat(current, 8, (changed, round) => moveAgreement(changed, agreementId, localDate(new Date(day.getTime() + (round + 1) * DAY)), by, day));
    // Between meetings, changed again and again: a new action, owner, date and method each time (the largest history events).
    current = repeat(current, 4, (changed, round) =>
      changeAgreement(
        changed,
        agreementId,
        {
          action: text(500, `c${round}a${index}`),
          ownerMemberId: current.members[(index + round + 1) % current.members.length]!.id,
          followUpOn: localDate(new Date(day.getTime() + (round + 10) * DAY)),
          followUpMethod: round % 2 === 0 ? 'phone' : 'other',
          followUpMethodOther: text(200, `c${round}m${index}`),
        },
        by,
        day,
      ),
    );
  }
  // As many requests for a change awaiting an answer as a case may hold, every text at its maximum, and
  // the decided ones kept, each with its reason.
  const requested = current.agreements.slice(0, HISTORY_KEPT.decidedChangeRequests + CASE_LIMITS.pendingChangeRequests);
  requested.forEach((agreement, index) => {
    const request = { action: text(500, `r${index}`), ownerMemberId: current.members[index]!.id, followUpOn: localDate(new Date(day.getTime() + 40 * DAY)), why: text(500, `w${index}`) };
    current = compactCase(askToChangeAgreement(current, agreement.id, request, by, day));
    if (index < HISTORY_KEPT.decidedChangeRequests) current = compactCase(declineChangeRequest(current, agreement.id, text(500, `d${index}`), by, day));
  });
  return measuresAtLimits(interventionsAtLimits(networkMapAtLimits(current, text), text), day);
}

/**
 * Past what is kept of WHO-5 (monthly) and readiness (quarterly, every indicator of both instruments
 * scored), every fifth record corrected, recorded by a member with a real id's length, measured up to `until`.
 */
function measuresAtLimits(current: Case, until: Date): Case {
  const recorder = current.members.at(-1)!.id;
  // Not before the case was opened (a shorter case has its measures on its first day).
  const monthsBack = (months: number) => localDate(new Date(Math.max(NOW.getTime(), until.getTime() - months * 30 * DAY)));
  const scores = Object.fromEntries(indicatorsOf(DEFAULT_READINESS_INDICATORS).map((indicator, index) => [indicator.id, String(indicator.scale.min + (index % 3))]));
  const who5 = MEASURE_LIMITS.who5 + 10;
  let changed = repeat(current, who5, (measured, index) => {
    const corrects = index % 5 === 4 ? measured.measures!.who5.at(-1)!.id : undefined;
    return recordWho5(measured, { on: monthsBack(who5 - index), answers: [5, 4, 3, 2, index % 6], ...(corrects ? { corrects } : {}) }, recorder, until);
  });
  const readiness = MEASURE_LIMITS.readiness + 4;
  changed = repeat(changed, readiness, (measured, index) => {
    const corrects = index % 5 === 4 ? measured.measures!.readiness.at(-1)!.id : undefined;
    return recordReadiness(measured, DEFAULT_READINESS_INDICATORS, { on: monthsBack(3 * (readiness - index)), scores, ...(corrects ? { corrects } : {}) }, recorder, until);
  });
  return changed;
}

/** The network map full: half of it team members, half typed with names and relations at their maximum, every line drawn. */
function networkMapAtLimits(current: Case, text: TextOf): Case {
  const members = current.members.filter((member) => member.role !== 'youngPerson');
  let changed = repeat(current, NETWORK_MAP_LIMITS.persons, (map, index) =>
    addMapPerson(
      map,
      { field: MAP_FIELDS[index % MAP_FIELDS.length], closeness: 1 + (index % 3), relation: text(40, `r${index}`), ...(index % 2 === 0 ? { memberId: members[index]!.id } : { name: text(60, `n${index}`) }) },
      by,
      NOW,
    ),
  );
  for (let index = 0; index < NETWORK_MAP_LIMITS.links; index++) {
    // Each person to the next, then to the one after: every pair distinct.
    const from = index % NETWORK_MAP_LIMITS.persons;
    const to = (from + 1 + Math.floor(index / NETWORK_MAP_LIMITS.persons)) % NETWORK_MAP_LIMITS.persons;
    changed = compactCase(linkMapPersons(changed, `p${from + 1}`, `p${to + 1}`, by, NOW));
  }
  return changed;
}

/** The intervention overview full, every text at its maximum, each edited and its status changed past what its history keeps. */
function interventionsAtLimits(current: Case, text: TextOf): Case {
  const goalId = current.goals[0]!.id;
  return repeat(current, INTERVENTION_LIMITS.interventions, (changed, index) => {
    const initiatedBy = index % 2 === 0 ? { administration: text(INTERVENTION_LIMITS.administration, `f${index}`) } : { memberId: changed.members[1 + index]!.id };
    const input = { what: text(INTERVENTION_LIMITS.what, `i${index}`), ...initiatedBy, why: text(INTERVENTION_LIMITS.why, `h${index}`), goalId, from: '2026-01-01', to: '2026-12-31' };
    const id = `i${index + 1}`;
    let added = compactCase(addIntervention(changed, { ...input, status: 'active' }, by, NOW));
    added = compactCase(changeIntervention(added, id, { to: '2027-06-30' }, by, NOW));
    added = repeat(added, 4, (paused, round) => setInterventionStatus(paused, id, round % 2 === 0 ? 'paused' : 'active', by, NOW));
    return added;
  });
}
