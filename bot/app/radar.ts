// The radar (issue 14 §3): each coordinator's cases that need attention. Every Monday at the send time
// (the next working day when Monday is a holiday) it comes as one message, joined with that day's
// reminders; `radar` in the 1:1 chat and the tab show the same list now.
import { DateTime } from 'luxon';
import { type Case, coordinatorOf } from '../domain/case';
import { MODEL_ZONE } from '../domain/fields';
import { type RadarCase, radarItems, radarOf } from '../domain/radar';
import type { OutboxMessage } from '../store/port';
import { type Actor, type AppDeps, auditRecord } from './context';
import { outboxMessages, reminders } from './messages';
import { listMyCases, openCasesOf } from './readCase';

/**
 * The case's radar message of the day `at` falls on, to its coordinator, due at `at`; none when nothing
 * needs attention at `at`. Its id is the case's and the day's: every pass and every instance writes
 * the same message, which the store keeps once.
 */
function radarMessage(deps: Pick<AppDeps, 'newId'>, current: Case, at: string, serviceUrl: string): OutboxMessage | undefined {
  if (radarItems(current, new Date(at)).length === 0) return undefined;
  const on = DateTime.fromISO(at).setZone(MODEL_ZONE).toISODate() ?? '';
  const planned = reminders(current, [{ kind: 'radar', memberId: coordinatorOf(current).id, at, about: { on } }]);
  const [message] = outboxMessages(deps, current, serviceUrl, new Date(at), planned);
  return message && { ...message, id: `radar:${current.tenantId}:${current.id}:${on}` };
}

/**
 * Writes the radar due at `at` (the week's send time): every open case of every tenant with something
 * on its radar at that time gets its message, due then. Written ahead, so the dispatcher finds it with
 * the day's reminders and sends them as one message; written again, by another pass or instance, it
 * adds nothing. Returns how many messages it wrote (or found written).
 */
export async function enqueueRadar(deps: Pick<AppDeps, 'store' | 'newId'>, at: string, serviceUrl: string): Promise<number> {
  let count = 0;
  for await (const page of deps.store.openCasePages()) {
    const messages = page.flatMap((current) => radarMessage(deps, current, at, serviceUrl) ?? []);
    if (messages.length > 0) await deps.store.appendOutbox(messages);
    count += messages.length;
  }
  return count;
}

/** The radar of the open cases the person coordinates, now, most urgent first; one audit record per case read. */
export async function readRadar(deps: AppDeps, actor: Actor): Promise<RadarCase[]> {
  const now = deps.now();
  const coordinated: Case[] = [];
  for (const summary of openCasesOf(await listMyCases(deps, actor))) {
    const stored = await deps.store.getCase(actor.tenantId, summary.caseId);
    const coordinator = stored && coordinatorOf(stored.case).person;
    if (stored && coordinator?.kind === 'teams' && coordinator.aadObjectId === actor.aadObjectId) coordinated.push(stored.case);
  }
  if (coordinated.length > 0) await deps.store.appendAudit(coordinated.map((current) => auditRecord(deps, actor, current.id, 'radar.read', 'ok')));
  return radarOf(coordinated, now);
}
