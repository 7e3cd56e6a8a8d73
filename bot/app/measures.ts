// `målinger`: WHO-5 monthly and readiness (BIP) quarterly, recorded with the young person by the
// coordinator or the member the coordinator named (access.ts). Each record plans the next reminder to
// measure; a WHO-5 under 50 or 10 points down tells the coordinator and the eye-keeper, so someone looks.
import type { Case } from '../domain/case';
import { requireMeasurer } from '../domain/access';
import { type MeasureInput, recordReadiness, recordWho5, setMeasurer, who5RecordsOf, who5Signal } from '../domain/measures';
import type { ReadinessIndicatorSet } from '../domain/readinessIndicators';
import { DEFAULT_READINESS_INDICATORS } from '../readinessIndicators';
import type { Actor, AppDeps } from './context';
import { type ActivityId, type Applied, coordinatorChange, guardedChange } from './guardedChange';
import { outboxMessages, reminders, toEyeKeeperAndCoordinator } from './messages';

export type MeasureChange =
  | { kind: 'who5'; record: MeasureInput & { answers: readonly (string | undefined)[] } }
  | { kind: 'readiness'; record: MeasureInput & { scores: Readonly<Record<string, string | undefined>> } };

const ACTIONS = { who5: 'measures.wellbeing', readiness: 'measures.readiness' } as const;

/** The indicator set in use. */
export const indicatorSetOf = (deps: AppDeps): ReadinessIndicatorSet => deps.readinessIndicators ?? DEFAULT_READINESS_INDICATORS;

export function recordMeasure(deps: AppDeps, actor: Actor, caseId: string, change: MeasureChange, activityId?: ActivityId): Promise<Case> {
  const authorize = (current: Case) => requireMeasurer(current, actor.aadObjectId, deps.now());
  const apply = (current: Case, now: Date): Applied => {
    const by = authorize(current).id;
    const changed = change.kind === 'who5' ? recordWho5(current, change.record, by, now) : recordReadiness(current, indicatorSetOf(deps), change.record, by, now);
    const outgoing = reminders(changed, deps.reminders.forMeasure(changed, change.kind, now));
    if (change.kind === 'who5') outgoing.push(...who5SignalMessages(changed));
    return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, outgoing) };
  };
  return guardedChange(deps, actor, { caseId, action: ACTIONS[change.kind], authorize, apply, activityId });
}

/** The new record, when it is the latest measured and low or a marked drop: to the coordinator and the eye-keeper. */
function who5SignalMessages(changed: Case) {
  const latest = who5RecordsOf(changed).at(-1);
  const recorded = changed.measures?.who5.at(-1);
  const signal = who5Signal(changed);
  if (!latest || latest !== recorded || !signal || (!signal.low && signal.drop === undefined)) return [];
  return toEyeKeeperAndCoordinator(changed, { kind: 'who5Signal', about: { recordId: latest.id } });
}

/** The coordinator names the member who measures (or clears it); their reminders are planned anew. */
export function changeMeasurer(deps: AppDeps, actor: Actor, caseId: string, memberId: string | undefined, activityId?: ActivityId): Promise<Case> {
  const apply = (current: Case, now: Date): Applied => {
    const changed = setMeasurer(current, memberId);
    if (changed === current) return current;
    const planned = [...deps.reminders.forMeasure(changed, 'who5', now), ...deps.reminders.forMeasure(changed, 'readiness', now)];
    return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, reminders(changed, planned)) };
  };
  return coordinatorChange(deps, actor, { caseId, action: 'measures.measurer', apply, activityId });
}
