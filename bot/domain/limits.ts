// How large a case may grow. The case is one document (Cosmos DB refuses items over 2 MB), so every
// list in it is either capped, with a clear refusal, or compacted to its first entry plus the latest
// few. The figures come from the model's real use (seeds 001-003): a handful of goals per theme, a
// dozen people, three or four meetings a year, for years. README.md's operations section lists them.
import type { Case } from './case';
import { DomainError } from './errors';
import { isChecklistStillAnswerable, isFreeTextQuestion } from './checklist';
import type { AnswerChange, Meeting } from './meeting';
import { compactMeasures } from './measures';

/** Refused, with a message naming the limit. */
export const CASE_LIMITS = {
  /** Eight themes of a few each; a fourth goal in a theme is better written as a revision. */
  goalsPerTheme: 3,
  /** The agreements of one goal over the years; more belong under a revised or a new goal. */
  agreementsPerGoal: 12,
  /** Three a meeting, three or four meetings a year, for eight years and more. */
  agreements: 100,
  /** Four meetings a year from 13 to 30 years of age, cancelled ones included. */
  meetings: 80,
  /**
   * Consent records (samtykkeerklæringer), all kept: they say who agreed to what and when. Renewed
   * about yearly from 13 to 30 years of age, with room for corrections and withdrawals.
   */
  consents: 20,
  /**
   * Owners' requests for a change awaiting the coordinator's decision, in the whole case: each holds a
   * proposed action and a reason, so they are few (the coordinator decides them within days).
   */
  pendingChangeRequests: 5,
} as const;

/** Kept of each history: the first entry (how it began) and the latest ones. */
export const HISTORY_KEPT = {
  /** Per checklist question of a meeting: the first change and the latest one (who, when, what before). */
  answerChangesPerQuestion: 1,
  /** Meetings whose answer log is kept: the open one, else the last that took place. Older ones keep their answers. */
  meetingsWithAnswerLog: 1,
  /**
   * Meetings (about half a year at the model's rhythm) that keep every answer. Older ones keep the
   * choices (attendance, the evaluation, the young person's status) and the minutes, and let go of
   * their free-text checklist answers and the young person's requests for changes: the reasons for
   * absence of earlier meetings are sensitive and no longer needed. Two, not three, since the
   * checklist asks why per person and the contact details grew (a case at every limit stays under 1 MB).
   */
  meetingsWithFreeText: 2,
  goalVersions: 2,
  /** The first judgement and the latest: 1, not 2, since the intervention overview came (a case at every limit stays under 1 MB). */
  goalOutcomes: 1,
  /**
   * Of the changes between meetings among them, only the latest says what each field was before (owner,
   * date, method): 100 agreements' histories must fit the case (compactAgreementHistory). 2, not 3,
   * since the measures (WHO-5, readiness) came (a case at every limit stays under 1 MB).
   */
  agreementEvents: 2,
  /** Decided requests for a change, in the whole case: the latest keep their decision (and its reason) for the one who asked. */
  decidedChangeRequests: 3,
  /** The young person's requests for changes to one meeting's minutes. */
  sentBack: 3,
  /**
   * 170, not 200, since the network map came with its own people, lines and history; 120 since the
   * measures came (a case at every limit stays under 1 MB). The audit log keeps every change besides.
   */
  caseEvents: 120,
} as const;

/**
 * A last guard below Cosmos DB's 2 MB: a change that would make the case larger is refused. The limits
 * above keep a case far below it; only texts at their maximum in letters of three bytes could reach it.
 */
export const MAX_CASE_BYTES = 1_500_000;

/** The first entry and the last `last` ones; the list itself when that is all of it. */
export function keepFirstAndLast<T>(list: T[], last: number): T[] {
  return list.length <= last + 1 ? list : [list[0]!, ...list.slice(-last)];
}

/** The answer log with, per question, the first change and the latest few, in the order they came. */
function compactAnswerLog(log: AnswerChange[]): AnswerChange[] {
  const byQuestion = new Map<string, number[]>();
  log.forEach((change, index) => byQuestion.set(change.questionId, [...(byQuestion.get(change.questionId) ?? []), index]));
  const kept = new Set([...byQuestion.values()].flatMap((indexes) => keepFirstAndLast(indexes, HISTORY_KEPT.answerChangesPerQuestion)));
  return kept.size === log.length ? log : log.filter((_, index) => kept.has(index));
}

/** The meetings that took place or were cancelled, newest first (meetings are kept in their order); the open one first of all. */
function newestFirst(current: Case): Meeting[] {
  const rank = (meeting: Meeting) => (meeting.status === 'open' ? Number.MAX_SAFE_INTEGER : current.meetings.indexOf(meeting));
  return current.meetings.filter((meeting) => meeting.status !== 'planned').sort((a, b) => rank(b) - rank(a));
}

function compactMeeting(meeting: Meeting, keepLog: boolean, keepFreeText: boolean): Meeting {
  const answerLog = keepLog ? compactAnswerLog(meeting.answerLog) : [];
  const dropped = meeting.answerLog.length - answerLog.length;
  const sentBack = meeting.closure && (keepFreeText ? keepFirstAndLast(meeting.closure.sentBack, HISTORY_KEPT.sentBack) : []);
  const answers = keepFreeText ? meeting.answers : Object.fromEntries(Object.entries(meeting.answers).filter(([questionId]) => !isFreeTextQuestion(questionId)));
  const freeTextDropped = Object.keys(answers).length < Object.keys(meeting.answers).length || sentBack?.length !== meeting.closure?.sentBack.length;
  if (dropped === 0 && !freeTextDropped) return meeting;
  return {
    ...meeting,
    answers,
    answerLog,
    ...(meeting.closure && sentBack ? { closure: { ...meeting.closure, sentBack } } : {}),
    // Said on the meeting, so that its log and answers are not taken for whole.
    ...(dropped > 0 ? { droppedAnswerChanges: (meeting.droppedAnswerChanges ?? 0) + dropped } : {}),
    ...(freeTextDropped && !keepFreeText ? { freeTextDropped: true as const } : {}),
  };
}

/**
 * The case with every history at its bound. Run on every change before it is saved (guardedChange),
 * so nothing in the document grows past what is listed above.
 */
export function compactCase(current: Case): Case {
  const order = newestFirst(current).map((meeting) => meeting.id);
  // A meeting whose checklist can still be answered keeps its whole log and its free text.
  const within = (meeting: Meeting, kept: number) => isChecklistStillAnswerable(meeting) || order.indexOf(meeting.id) < kept;
  return {
    ...compactMeasures(current),
    history: keepFirstAndLast(current.history, HISTORY_KEPT.caseEvents),
    meetings: current.meetings.map((meeting) =>
      compactMeeting(meeting, within(meeting, HISTORY_KEPT.meetingsWithAnswerLog), within(meeting, HISTORY_KEPT.meetingsWithFreeText)),
    ),
    goals: current.goals.map((goal) => {
      const versions = keepFirstAndLast(goal.versions, HISTORY_KEPT.goalVersions);
      const outcomes = keepFirstAndLast(goal.outcomes, HISTORY_KEPT.goalOutcomes);
      return versions === goal.versions && outcomes === goal.outcomes ? goal : { ...goal, versions, outcomes };
    }),
    agreements: compactDecidedRequests(
      current.agreements.map((agreement) => {
        const history = compactAgreementHistory(keepFirstAndLast(agreement.history, HISTORY_KEPT.agreementEvents));
        return history === agreement.history ? agreement : { ...agreement, history };
      }),
    ),
  };
}

/** An agreement's history in which only the latest change between meetings says what it changed from. */
function compactAgreementHistory(history: Case['agreements'][number]['history']): Case['agreements'][number]['history'] {
  const latest = history.map((event) => event.kind).lastIndexOf('changed');
  if (!history.some((event, index) => index < latest && event.before)) return history;
  return history.map((event, index) => {
    if (index >= latest || !event.before) return event;
    const { before: _dropped, ...rest } = event;
    return rest;
  });
}

/** Only the latest HISTORY_KEPT.decidedChangeRequests decided requests of the case keep their decision; pending ones all stay. */
function compactDecidedRequests(agreements: Case['agreements']): Case['agreements'] {
  type Agreement = Case['agreements'][number];
  const decidedAt = (agreement: Agreement) => agreement.changeRequest?.decision?.at;
  const latest = agreements
    .filter((agreement) => decidedAt(agreement))
    .sort((a, b) => (decidedAt(b) ?? '').localeCompare(decidedAt(a) ?? ''))
    .slice(0, HISTORY_KEPT.decidedChangeRequests);
  const kept = new Set(latest.map((agreement) => agreement.id));
  return agreements.map((agreement) => {
    if (!decidedAt(agreement) || kept.has(agreement.id)) return agreement;
    const { changeRequest: _dropped, ...rest } = agreement;
    return rest;
  });
}

const utf8Bytes = (json: string) => new TextEncoder().encode(json).length;

export const caseBytes = (current: Case) => utf8Bytes(JSON.stringify(current));

/** Refuses a change that leaves the case over MAX_CASE_BYTES and larger than it was. */
export function assertCaseFits(before: Case, after: Case): void {
  const json = JSON.stringify(after);
  // No character takes more than three bytes (a pair of UTF-16 units four): most cases end here.
  if (json.length * 3 <= MAX_CASE_BYTES) return;
  const size = utf8Bytes(json);
  if (size > MAX_CASE_BYTES && size > caseBytes(before)) throw new DomainError('caseTooLarge');
}
