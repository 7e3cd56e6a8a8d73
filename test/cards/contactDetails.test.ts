// Contact details as seed 001 has them (issue 11, section 6): an external member's direct number, main
// number, e-mail and postal address on the team card (shown only to readers with consent) and editable by the
// coordinator on the member card; the young person's address as Adresse, Postnummer and By.
import { describe, expect, it } from 'vitest';
import { da } from '../../bot/i18n/da';
import { createCaseCard } from '../../cards/caseCards';
import { memberEditCard, teamCard } from '../../cards/teamCards';
import { validateAdaptiveCard } from '../support/cardValidation';
import { nodes } from '../support/cardNodes';
import { asCoordinator, fullTeam } from '../support/sampleCards';

const texts = (card: unknown) => nodes(card, 'TextBlock').map((block) => String(block.text).replace(/\\(.)/g, '$1'));
const inputs = (card: unknown) => Object.fromEntries(nodes(card, 'Input.Text').map((input) => [input.id, input]));

describe("an external member's contact details", () => {
  it('are on the team card for a team member, on one line', () => {
    const current = fullTeam();
    const card = teamCard(da, { case: current, viewer: current.members[2]! }, []);
    expect(texts(card)).toContain('Direkte 22334455 · Hovednr. 70112233 · karen@example.dk · Nørregade 4, 5000 Odense C');
  });

  it('are on the coordinator\'s member card as the four fields of the network overview, filled in, for an external member only', () => {
    const current = fullTeam();
    const karen = current.members.find((member) => member.id === 'm-vip')!;
    const card = memberEditCard(da, current, karen);
    expect(validateAdaptiveCard(card)).toEqual([]);
    const fields = inputs(card);
    expect(Object.fromEntries(['phone', 'mainPhone', 'email', 'postalAddress'].map((id) => [id, [fields[id]?.label, fields[id]?.value]]))).toEqual({
      phone: [da.cards.team.phone, '22334455'],
      mainPhone: [da.cards.team.mainPhone, '70112233'],
      email: [da.cards.team.email, 'karen@example.dk'],
      postalAddress: [da.cards.team.postalAddress, 'Nørregade 4, 5000 Odense C'],
    });
    const jonas = current.members.find((member) => member.id === 'm-jonas')!;
    expect(Object.keys(inputs(memberEditCard(da, current, jonas)))).toEqual(['otherRoleName', 'supportOffer']);
  });

  it('are asked for when the coordinator adds an external person', () => {
    const card = teamCard(da, asCoordinator(fullTeam()), []);
    expect(Object.keys(inputs(card))).toEqual(expect.arrayContaining(['externalPhone', 'externalMainPhone', 'externalEmail', 'externalPostalAddress']));
  });
});

describe("the young person's address on the create case card", () => {
  it('is Adresse, Postnummer (4 digits, checked in the client with a Danish message) and By', () => {
    const card = createCaseCard(da);
    const fields = inputs(card);
    expect([fields.address?.label, fields.postalCode?.label, fields.city?.label]).toEqual(['Adresse', 'Postnummer', 'By']);
    expect(fields.postalCode).toMatchObject({ maxLength: 4, regex: '^\\d{4}$', errorMessage: da.cards.createCase.postalCodeInvalid });
  });
});
