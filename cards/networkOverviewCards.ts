// `netværksoverblik`: the network overview (seed 001 section 3) as a card, the form's 20 rows with the
// people in them, a page at a time at a large case; for the coordinator, the form that gives someone
// typed on the map contact details by adding them to the team (app/networkMap.ts: `network.toTeam`).
import { isCoordinator } from '../bot/domain/access';
import type { Case } from '../bot/domain/case';
import { networkMapOf } from '../bot/domain/networkMap';
import { type OverviewPerson, type OverviewRowKey, networkOverview } from '../bot/domain/networkOverview';
import { MAX_TEAM_SIZE } from '../bot/domain/team';
import { ASSIGNABLE_ROLES } from '../bot/domain/roles';
import type { Messages } from '../bot/i18n';
import { memberName, shortened } from './people';
import { fittingPage } from './paging';
import { type AdaptiveCardJson, renderCard } from './render';
import type { ViewedCase } from './views';

/** Rows and people on one page: all 20 rows of a small case; a large case's people a page at a time. */
const OVERVIEW_PAGE_SIZE = 30;
/** The card cuts a long support offer (the tab shows it whole); contact details are shown whole, they are the point. */
const SUPPORT_OFFER_PREVIEW = 200;

export const overviewRowTitle = (m: Messages, row: OverviewRowKey) =>
  row === 'vip' || row === 'otherFromMap' ? m.cards.networkOverview.rows[row] : m.roles[row];

export interface OverviewPersonText {
  /** The name, with who they are ("Andre: …") and what they are to the young person (the map's relation). */
  name: string;
  /** Direct number, main number, e-mail and postal address, or how the person is reached instead. */
  contact: string;
  supportOffer: string;
}

/** A person of the overview in words, for the card and the tab alike. */
export function overviewPersonText(m: Messages, current: Case, person: OverviewPerson): OverviewPersonText {
  const labels = m.cards.networkOverview;
  if (person.kind === 'mapPerson') {
    const { name = '', relation } = person.mapPerson;
    return { name: [name, relation].filter(Boolean).join(' · '), contact: labels.onlyOnMap, supportOffer: '' };
  }
  const { member, relation } = person;
  const who = member.role === 'other' ? member.otherRoleName : undefined;
  const contact = member.person.kind === 'external' ? externalContact(m, member.person) : labels.viaTeams;
  return {
    name: [memberName(current, member, m), who, relation].filter(Boolean).join(' · '),
    contact,
    supportOffer: member.supportOffer ? labels.supportOffer(member.supportOffer) : '',
  };
}

function externalContact(m: Messages, person: { phone?: string; mainPhone?: string; email?: string; postalAddress?: string }): string {
  const { phone, mainPhone, email, postalAddress } = person;
  return [phone && m.cards.team.directShort(phone), mainPhone && m.cards.team.mainShort(mainPhone), email, postalAddress].filter(Boolean).join(' · ') || m.cards.networkOverview.emptyRow;
}

/** One line of a page: a row's heading with one of its people, or an empty row (one line, as on the form). */
interface Line {
  row: OverviewRowKey;
  person?: OverviewPerson;
}

export interface NetworkOverviewOptions {
  notice?: string;
  page?: number;
  pageSize?: number;
}

export function networkOverviewCard(m: Messages, { case: current, viewer }: ViewedCase, { notice = '', page, pageSize }: NetworkOverviewOptions = {}): AdaptiveCardJson {
  const labels = m.cards.networkOverview;
  const lines: Line[] = networkOverview(current).flatMap(({ row, persons }) => (persons.length === 0 ? [{ row }] : persons.map((person) => ({ row, person }))));
  const typed = networkMapOf(current).persons.filter((person) => person.memberId === undefined);
  const coordinator = isCoordinator(viewer);
  return fittingPage(m, lines, page, OVERVIEW_PAGE_SIZE, pageSize, (shown) => {
    // Consecutive lines of one row under one heading; a row going on over a page break has its heading on both pages.
    const rows: Array<{ row: OverviewRowKey; title: string; persons: OverviewPersonText[] }> = [];
    for (const line of shown.items) {
      const text = line.person && overviewPersonText(m, current, line.person);
      if (!text) {
        rows.push({ row: line.row, title: `${overviewRowTitle(m, line.row)}: ${labels.emptyRow}`, persons: [] });
        continue;
      }
      const previous = rows.at(-1);
      const person = { ...text, supportOffer: shortened(text.supportOffer, SUPPORT_OFFER_PREVIEW) };
      if (previous?.row === line.row) previous.persons.push(person);
      else rows.push({ row: line.row, title: overviewRowTitle(m, line.row), persons: [person] });
    }
    return renderCard('networkOverview', {
      caseId: current.id,
      title: labels.title(current.reference),
      notice,
      labels,
      team: m.cards.team,
      rows,
      pages: shown,
      canAddToTeam: coordinator && typed.length > 0 && current.members.length < MAX_TEAM_SIZE,
      mapPersonChoices: typed.map((person) => ({ title: shortened([person.name, person.relation].filter(Boolean).join(', '), 60), value: person.id })),
      roleChoices: ASSIGNABLE_ROLES.map((role) => ({ title: m.roles[role], value: role })),
    });
  });
}
