// What the tab shows a person: each open case they are on, read as the bot reads a case (audited, and
// a refusal audited too), their own open agreements as `mine` lists them, and whether they lead a unit.
import { isLeader } from '../domain/access';
import { type Case, memberByAadObjectId } from '../domain/case';
import { type ConsentGap, consentGapFor } from '../domain/consent';
import { DomainError } from '../domain/errors';
import { listMyAgreements, type MyAgreements } from './agreements';
import type { Actor, AppDeps } from './context';
import { organisationOf } from './organisation';
import { type CaseRead, listMyCases, openCasesOf, readCase } from './readCase';

/**
 * A case on which no valid consent covers the viewer: `case` is for its reference and its coordinator's
 * name only, as for `mine`; nothing about the young person is shown.
 */
interface WithheldCase {
  case: Case;
  reason: ConsentGap;
}

export interface TabOverview {
  cases: CaseRead[];
  withheld: WithheldCase[];
  agreements: MyAgreements;
  /** They lead a unit: the tab offers its half-yearly status (read, and audited, through app/statistics.ts). */
  leader: boolean;
}

export async function readTabOverview(deps: AppDeps, actor: Actor): Promise<TabOverview> {
  const cases: CaseRead[] = [];
  const withheld: WithheldCase[] = [];
  for (const summary of openCasesOf(await listMyCases(deps, actor))) {
    try {
      cases.push(await readCase(deps, actor, summary.caseId, 'tab'));
    } catch (error) {
      // No consent: counted, not shown (the refusal is audited by readCase). A case the person left, or
      // one erased, since the list was read is simply not there.
      if (!(error instanceof DomainError)) throw error;
      if (error.code !== 'noValidConsent') continue;
      const stored = await deps.store.getCase(actor.tenantId, summary.caseId);
      const viewer = stored && memberByAadObjectId(stored.case, actor.aadObjectId);
      if (stored && viewer) withheld.push({ case: stored.case, reason: consentGapFor(stored.case, viewer.id, deps.now()) ?? 'none' });
    }
  }
  const leader = isLeader(await organisationOf(deps, actor.tenantId), actor.aadObjectId);
  return { cases, withheld, agreements: await listMyAgreements(deps, actor), leader };
}
