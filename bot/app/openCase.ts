// `ny sag`: the creator becomes the coordinator; the case is stored with its home in Teams, in the unit
// the creator chose when the tenant has several (domain/caseUnit.ts).
import { type Case, type CaseHome, type NewCaseInput, createCase, setHome, setHomeCard } from '../domain/case';
import { unitOfNewCase } from '../domain/caseUnit';
import { DomainError } from '../domain/errors';
import { type Actor, type AppDeps, auditRecord } from './context';
import { coordinatorChange } from './guardedChange';
import { outboxMessages, reminders } from './messages';
import { organisationOf } from './organisation';

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A short case reference without personal data, e.g. `S-7KQ2M`, derived from a fresh id. */
export function referenceFrom(id: string): string {
  const digits = id.replace(/[^0-9a-f]/gi, '').slice(0, 10);
  let value = BigInt(`0x${digits || '0'}`);
  let reference = '';
  for (let i = 0; i < 5; i++) {
    reference += REFERENCE_ALPHABET[Number(value % 32n)];
    value /= 32n;
  }
  return `S-${reference}`;
}

/**
 * `homeFor` places the case in Teams (starts its channel thread, or names the group chat) once the
 * input, the unit chosen included, is known to be valid; the case is stored only after that, so a
 * failure leaves nothing half. The unit is stored on the case its `case.create` audit record is about.
 */
export async function openCase(
  deps: AppDeps,
  actor: Actor,
  input: NewCaseInput & { unitId?: string },
  homeFor?: (draft: Case) => Promise<CaseHome>,
): Promise<Case> {
  const caseId = deps.newId();
  const now = deps.now();
  const fresh = createCase(
    actor.tenantId,
    actor,
    input,
    { caseId, reference: referenceFrom(caseId), coordinatorMemberId: deps.newId(), youngPersonMemberId: deps.newId() },
    now,
  );
  const unitId = unitOfNewCase(await organisationOf(deps, actor.tenantId), input.unitId);
  const draft = unitId ? { ...fresh, unitId } : fresh;
  const home = homeFor ? await homeFor(draft) : undefined;
  if (home && (await deps.store.findCaseByConversation(actor.tenantId, home.conversationId))) {
    throw new DomainError('caseAlreadyHasHome');
  }
  const created = home ? setHome(draft, home, actor.aadObjectId, now) : draft;
  // The transition meetings at 16, 17½ and 18½ and the 18-year hand-over (from 17½) are known from the birth date on: planned now.
  const planned = [...deps.reminders.forTransitions(created, now), ...deps.reminders.forAdultHandOver(created, now)];
  const transitions = outboxMessages(deps, created, actor.serviceUrl, now, reminders(created, planned));
  const stored = await deps.store.createCase(created, { audit: [auditRecord(deps, actor, caseId, 'case.create', 'ok')], outbox: transitions });
  return stored.case;
}

/** Remembers the base card posted in a group chat once the case was stored, so that it can be updated. */
export function recordCaseCard(deps: AppDeps, actor: Actor, caseId: string, activityId: string): Promise<Case> {
  return coordinatorChange(deps, actor, { caseId, action: 'case.card', apply: (current) => setHomeCard(current, activityId) });
}
