// What the cards are given to show. cards/ is presentation: it declares the shapes it needs here, on the
// domain's types only, and the use cases' results (app/readCase's CaseRead, the store's CaseSummary)
// satisfy them as they are, without cards/ knowing where they come from.
import type { Case, TeamMember } from '../bot/domain/case';
import type { ConsentGap } from '../bot/domain/consent';

/** A case as one team member sees it: the cards show what the viewer may (domain/access.ts). */
export interface ViewedCase {
  case: Case;
  viewer: TeamMember;
}

/** The detail cards `case.show` opens (its data's `view`): app/readCase's CASE_VIEWS, the same eleven. */
export type DetailView = 'overview' | 'team' | 'consent' | 'goals' | 'closing' | 'teamStatus' | 'network' | 'networkOverview' | 'interventions' | 'measures' | 'adultHandOver';

/** A row of the 1:1 case picker. */
export interface PickerCase {
  caseId: string;
  reference: string;
}

/**
 * A member's open agreements in a case no valid consent lets them see now (app/agreements' `mine`):
 * counted with the reason, and whom to ask; the card shows the case's reference and its coordinator only.
 */
export interface WithheldAgreementsView {
  case: Case;
  openCount: number;
  reason: ConsentGap;
}
