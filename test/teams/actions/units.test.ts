// A case's unit through the in-process bot: the create-case card asks for it only when the municipality
// has several units, and a case cannot be created without one of them; the coordinator sees the case's
// unit on its overview; the administrator moves a case (`enhed flyt` / `unit move`) by its reference,
// learning nothing else of it, and anyone else is refused, audited as denied.
import { describe, expect, it } from 'vitest';
import { administratorKey } from '../../../bot/domain/access';
import { da } from '../../../bot/i18n/da';
import { en } from '../../../bot/i18n/en';
import { organisationAuditId } from '../../../bot/store/port';
import { writeCommandIn } from '../../../bot/teams/replies';
import { METTE, TENANT_ID, type Person, botPerFile, cardOf, newGroupChat, onlyCard, personalChat } from './botTurns';
import { YOUNG_PERSON } from './caseScenes';

const ANNA: Person = { aadObjectId: '0a0a0a0a-0000-4000-8000-00000000000a', name: 'Anna Admin', teamsUserId: '29:anna' };

const turns = botPerFile({ administrators: [administratorKey(TENANT_ID, ANNA.aadObjectId)] });
const { say, click } = turns;
const textOf = async (who: Person, text: string, locale?: string) => (await say(who, personalChat(who), text, locale)).map((post) => post.text);
const inPersonal = writeCommandIn('personal');

/** The card's input with this id, wherever it sits. */
function inputOf(card: unknown, id: string): { type: string; choices?: { title: string; value: string }[]; isRequired?: boolean } | undefined {
  if (Array.isArray(card)) return card.map((item) => inputOf(item, id)).find(Boolean);
  if (card && typeof card === 'object') {
    if ((card as { id?: unknown }).id === id) return card as never;
    return Object.values(card).map((value) => inputOf(value, id)).find(Boolean);
  }
  return undefined;
}

const unitIdOf = async (name: string) => (await turns.bot().store.getOrganisation(TENANT_ID))!.organisation.units.find((unit) => unit.name === name)!.id;

/** Mette creates a case in a new group chat with `unitId`; the stored case. */
async function createdIn(unitId?: string) {
  const where = newGroupChat();
  cardOf(await click(METTE, where, 'case.create', { ...YOUNG_PERSON, ...(unitId && { unitId }) }));
  return (await turns.bot().store.findCaseByConversation(TENANT_ID, where.conversationId))!.case;
}

// One file, one bot: the scenes run in order, from no units to two.
describe("a case's unit", () => {
  it('is not asked for with one unit, and not shown on the overview', async () => {
    expect(await textOf(ANNA, 'enhed tilføj Nord')).toEqual([da.organisation.unitAdded('Nord')]);
    expect(inputOf(onlyCard(await say(METTE, newGroupChat(), 'ny sag')), 'unitId')).toBeUndefined();
    const created = await createdIn();
    expect(created.unitId).toBeUndefined();
    const overview = JSON.stringify(onlyCard(await say(METTE, personalChat(METTE), `sag ${created.reference}`)));
    expect(overview).toContain(`"title":"${da.cards.overview.coordinator}"`);
    expect(overview).not.toContain(`"title":"${da.cards.overview.unit}"`);
  });

  it('is a required choice among the units once there are several', async () => {
    expect(await textOf(ANNA, 'unit add Syd', 'en-US')).toEqual([en.organisation.unitAdded('Syd')]);
    const choice = inputOf(onlyCard(await say(METTE, newGroupChat(), 'ny sag')), 'unitId');
    expect(choice).toMatchObject({ type: 'Input.ChoiceSet', isRequired: true });
    expect(choice?.choices).toEqual([
      { title: 'Nord', value: await unitIdOf('Nord') },
      { title: 'Syd', value: await unitIdOf('Syd') },
    ]);
  });

  it('refuses a case without a unit, or with one not the municipality’s, writing nothing', async () => {
    for (const unitId of [undefined, 'unit-of-another-tenant']) {
      const before = turns.bot().rowCounts();
      expect(await click(METTE, newGroupChat(), 'case.create', { ...YOUNG_PERSON, ...(unitId && { unitId }) })).toEqual({ message: da.errors.unitRequired({}, writeCommandIn('groupChat')) });
      expect(turns.bot().rowCounts()).toEqual(before);
    }
  });

  it('is stored as chosen, audited with the creation, and shown to the coordinator on the overview', async () => {
    const created = await createdIn(await unitIdOf('Syd'));
    expect(created.unitId).toBe(await unitIdOf('Syd'));
    expect(await turns.auditOf(created.id)).toContainEqual(expect.objectContaining({ action: 'case.create', outcome: 'ok', actorAadObjectId: METTE.aadObjectId }));
    const overview = JSON.stringify(onlyCard(await say(METTE, personalChat(METTE), `sag ${created.reference}`)));
    expect(overview).toContain(`"title":"${da.cards.overview.unit}","value":"Syd"`);
  });
});

describe('enhed flyt', () => {
  it("moves a case to another unit, answering the administrator with the reference and the units' names only", async () => {
    const created = await createdIn(await unitIdOf('Syd'));
    const answer = await textOf(ANNA, `enhed flyt ${created.reference.toLowerCase()} nord`);
    expect(answer).toEqual([da.organisation.caseMoved(created.reference, 'Syd', 'Nord')]);
    expect(answer.join()).not.toContain(YOUNG_PERSON.name);
    expect((await turns.storedCase(created.id)).unitId).toBe(await unitIdOf('Nord'));
    expect((await turns.auditOf(created.id)).at(-1)).toMatchObject({ actorAadObjectId: ANNA.aadObjectId, action: 'unit.move', outcome: 'ok' });
    expect(await textOf(ANNA, `unit move ${created.reference} Syd`, 'en-US')).toEqual([en.organisation.caseMoved(created.reference, 'Nord', 'Syd')]);
  });

  it('refuses an unknown case or unit, the unit the case is in, and a command without both, changing nothing', async () => {
    const created = await createdIn(await unitIdOf('Nord'));
    const before = turns.bot().rowCounts();
    expect(await textOf(ANNA, 'enhed flyt S-ZZZZZ Syd')).toEqual([da.errors.referenceNotFound({ reference: 'S-ZZZZZ' }, inPersonal)]);
    expect(await textOf(ANNA, `enhed flyt ${created.reference} Vest`)).toEqual([da.errors.unitNotFound({}, inPersonal)]);
    expect(await textOf(ANNA, `enhed flyt ${created.reference} Nord`)).toEqual([da.errors.alreadyInUnit({ reference: created.reference, unit: 'Nord' }, inPersonal)]);
    expect(await textOf(ANNA, `enhed flyt ${created.reference}`)).toEqual([da.errors.fieldRequired({ field: 'unitName' }, inPersonal)]);
    expect(turns.bot().rowCounts()).toEqual(before);
    expect((await turns.storedCase(created.id)).unitId).toBe(await unitIdOf('Nord'));
  });

  it('refuses the coordinator, audited as denied under the organisation', async () => {
    const created = await createdIn(await unitIdOf('Nord'));
    expect(await textOf(METTE, `enhed flyt ${created.reference} Syd`)).toEqual([da.errors.notAdministrator({}, inPersonal)]);
    expect(await textOf(METTE, `unit move ${created.reference} Syd`, 'en-US')).toEqual([en.errors.notAdministrator({}, inPersonal)]);
    expect((await turns.bot().store.listAudit(TENANT_ID, organisationAuditId(TENANT_ID))).at(-1)).toMatchObject({ actorAadObjectId: METTE.aadObjectId, action: 'unit.move', outcome: 'denied' });
    expect((await turns.storedCase(created.id)).unitId).toBe(await unitIdOf('Nord'));
  });

  it('is answered in the 1:1 chat only', async () => {
    expect((await say(ANNA, newGroupChat(), 'enhed flyt S-ZZZZZ Syd')).map((post) => post.text)).toEqual([da.organisation.inPersonalChat]);
  });
});
