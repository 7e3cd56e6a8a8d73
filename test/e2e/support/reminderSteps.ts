// Steps and readers for the end-to-end test of reminders: the bot's clock file (CLOCK_FILE: the bot's
// use cases and its outbox dispatcher read the current instant from it on every call), the planned
// reminders in the bot's outbox (read-only from its SQLite file), and waiting for the dispatcher.
import { renameSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DateTime } from 'luxon';
import { outboxOf, type OutboxRow } from './formSteps';

const COPENHAGEN = 'Europe/Copenhagen';

/**
 * Sets the bot's clock: writes `instant` (ISO 8601) to the clock file. Written to a temporary file and
 * renamed over the clock file, so the bot never reads a half-written (empty) file, which it would take
 * as "use the real time".
 */
export function setClock(clockFile: string, instant: string): void {
  const temporary = `${clockFile}.${process.pid}.tmp`;
  writeFileSync(temporary, `${instant}\n`);
  renameSync(temporary, clockFile);
}

/** An instant as a caseworker in Copenhagen reads it: `Thu 2026-11-26 08:00`. */
export function copenhagen(instant: string): string {
  return DateTime.fromISO(instant, { setZone: true }).setZone(COPENHAGEN).setLocale('en-GB').toFormat('ccc yyyy-MM-dd HH:mm');
}

/** The planned reminders of a case (outbox rows of kind `reminder`), oldest due first. */
export function reminderRowsOf(dataDir: string, caseId: string): OutboxRow[] {
  return outboxOf(dataDir, caseId).filter((row) => row.kind === 'reminder');
}

/** A reminder row as one line: `agreementBefore -> 29:1jonas-jensen at Thu 2026-11-26 08:00 (2026-11-30)`. */
export function reminderLine(row: OutboxRow): string {
  const to = row.to.kind === 'user' ? row.to.teamsUserId : `conversation ${row.to.conversationId}`;
  const about = row.about.followUpOn ?? row.about.meetingId ?? '';
  return `${row.about.reminder} -> ${to} at ${copenhagen(row.notBefore)}${about ? ` (${about})` : ''}`;
}

/** Polls `read` until `done` holds for what it returns; fails with the last value and `what`. */
export async function waitForRows(read: () => OutboxRow[], done: (rows: OutboxRow[]) => boolean, what: string, timeoutMs = 8_000): Promise<OutboxRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = read();
    if (done(rows)) return rows;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; the outbox:\n${rows.map((row) => `  ${row.status} ${row.kind} ${JSON.stringify(row.about)} notBefore ${row.notBefore} sentAt ${row.sentAt}`).join('\n')}`);
    }
    await sleep(50);
  }
}

/** True when every row due at `instant` has been settled by the dispatcher (none is pending any more). */
export function allSettledAt(instant: string): (rows: OutboxRow[]) => boolean {
  const at = Date.parse(instant);
  return (rows) => rows.every((row) => row.status !== 'pending' || Date.parse(row.notBefore) > at);
}

/** Local time of day and weekday of an instant in Copenhagen. */
export function localParts(instant: string): { date: string; time: string; weekday: number } {
  const local = DateTime.fromISO(instant, { setZone: true }).setZone(COPENHAGEN);
  return { date: local.toISODate() ?? '', time: local.toFormat('HH:mm'), weekday: local.weekday };
}
