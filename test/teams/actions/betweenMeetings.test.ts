// The form between meetings (issue 11, section 4) through the in-process bot: an agreement Mette adds with
// no meeting open reaches its owner itself; Mette changes an agreement ("Ret aftale"); Jonas asks for a
// change ("Bed om ændring") and Mette accepts or declines it; each told to whom it concerns.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../../bot/domain/case';
import { da } from '../../../bot/i18n/da';
import type { OutboxMessage } from '../../../bot/store/port';
import { renderOutboxMessage } from '../../../bot/teams/renderOutbox';
import { memberName } from '../../../cards/people';
import { ALI, JONAS, LARS, METTE, NOW, TENANT_ID, actionsOf, botPerFile, cardOf, itRefuses, personalChat, textsOf } from './botTurns';
import { AGREEMENT, type SceneCase, addAgreement, addGoal, caseWithTeam, memberIdOf } from './caseScenes';

const turns = botPerFile();
const { click } = turns;
const labels = da.cards.goals;
const confirmations = labels.confirmations;

/** A case with no meeting open in which Mette gave Jonas an agreement. */
async function agreementOfJonas(): Promise<SceneCase & { agreementId: string }> {
  const theCase = await caseWithTeam(turns);
  return { ...theCase, agreementId: await addAgreement(turns, theCase, await addGoal(turns, theCase), JONAS) };
}

const outboxOf = (caseId: string) => turns.bot().store.listOutbox(TENANT_ID, caseId);
const to = (message: OutboxMessage) => (message.to.kind === 'user' ? message.to.aadObjectId : message.to.conversationId);
const agreementOf = async (caseId: string, agreementId: string) => (await turns.storedCase(caseId)).agreements.find((agreement) => agreement.id === agreementId)!;

/** A message as its recipient reads it when it is sent (now, from the case as it is). */
function rendered(current: Case, message: OutboxMessage, joined: OutboxMessage[] = []): unknown {
  const result = renderOutboxMessage({ message, current }, joined.map((other) => ({ message: other, current })), undefined, NOW);
  if (!('activity' in result)) throw new Error(`skipped: ${result.skip}`);
  return result.activity.attachments?.[0]?.content;
}

const verbsOf = (card: unknown) => actionsOf(card).map((action) => action.verb);
/** Told in the next day's reminders that an agreement changed, to whom. */
const changeNoticesOf = async (caseId: string) =>
  (await outboxOf(caseId)).filter((message) => message.kind === 'reminder' && message.about.reminder === 'agreementChanged');

describe('an agreement added between meetings', () => {
  it('goes to its owner itself: the action, the goal, the follow-up and the owner\'s buttons', async () => {
    const { caseId, agreementId } = await agreementOfJonas();
    const added = (await outboxOf(caseId)).filter((message) => message.kind === 'agreementAdded');
    expect(added.map(to)).toEqual([JONAS.aadObjectId]);
    const current = await turns.storedCase(caseId);
    const card = rendered(current, added[0]!);
    const texts = textsOf(card);
    expect(texts).toEqual(expect.arrayContaining([labels.addedTitle(current.reference), labels.addedIntro, AGREEMENT.action]));
    expect(texts.some((text) => text.includes('Jeg vil være tømrer'))).toBe(true);
    expect(texts.some((text) => text.includes('01.12.2026') && text.includes(labels.methods.phone))).toBe(true);
    expect(verbsOf(card)).toEqual(['agreement.done', 'agreement.move', 'agreement.needsHelp', 'agreement.edit']);
    expect(actionsOf(card).find((action) => action.verb === 'agreement.edit')?.data).toMatchObject({ caseId, agreementId });
  });

  it('of an owner outside Teams goes to Mette, to pass on with how to reach them', async () => {
    const theCase = await caseWithTeam(turns);
    const { caseId } = theCase;
    cardOf(await click(METTE, theCase.home, 'team.addExternal', { caseId, externalName: 'Birthe Vang', externalPhone: '40506070', externalRole: 'vip' }));
    const goalId = await addGoal(turns, theCase);
    const vipId = (await turns.storedCase(caseId)).members.find((member) => member.person.kind === 'external')!.id;
    cardOf(await click(METTE, theCase.home, 'agreement.add', { caseId, goalId, ownerMemberId: vipId, ...AGREEMENT }));
    const added = (await outboxOf(caseId)).filter((message) => message.kind === 'agreementAdded');
    expect(added.map(to)).toEqual([METTE.aadObjectId]);
    const current = await turns.storedCase(caseId);
    const texts = textsOf(rendered(current, added[0]!));
    const vip = current.members.find((member) => member.id === vipId)!;
    expect(texts).toEqual(expect.arrayContaining([labels.addedRelayTitle(current.reference), labels.addedRelayIntro(memberName(current, vip, da)), AGREEMENT.action]));
    expect(texts.some((text) => text.includes('40506070'))).toBe(true);
  });
});

describe('agreement.change ("Ret aftale")', () => {
  it('changes owner and date, with history; new reminders; both owners told once in the next day\'s reminders', async () => {
    const { caseId, agreementId } = await agreementOfJonas();
    const edit = cardOf(await click(METTE, personalChat(METTE), 'agreement.edit', { caseId, agreementId }));
    expect(verbsOf(edit)).toContain('agreement.change');
    expect(verbsOf(edit)).not.toContain('agreement.requestChange');
    const aliId = memberIdOf(await turns.storedCase(caseId), ALI);
    const card = cardOf(await click(METTE, personalChat(METTE), 'agreement.change', { caseId, agreementId, action: AGREEMENT.action, ownerMemberId: aliId, followUpOn: '2026-12-10', followUpMethod: 'phone' }));
    expect(textsOf(card)).toContain(confirmations.agreementChanged);
    expect(textsOf(card).some((text) => text.includes(labels.changedParts.followUpOn('01.12.2026', '10.12.2026')))).toBe(true);
    const agreement = await agreementOf(caseId, agreementId);
    expect(agreement).toMatchObject({ ownerMemberId: aliId, followUpOn: '2026-12-10' });
    expect(agreement.history.at(-1)).toMatchObject({ kind: 'changed', byAadObjectId: METTE.aadObjectId, before: { ownerMemberId: memberIdOf(await turns.storedCase(caseId), JONAS), followUpOn: '2026-12-01' } });
    expect((await turns.auditOf(caseId)).at(-1)).toMatchObject({ actorAadObjectId: METTE.aadObjectId, action: 'agreement.change', outcome: 'ok' });
    // Ali's reminders of the new plan; Jonas and Ali hear of the change once, in Tuesday's reminders (Monday's went at 08:00).
    const reminders = (await outboxOf(caseId)).filter((message) => message.kind === 'reminder' && message.about.reminder === 'agreementBefore');
    expect(reminders.at(-1)).toMatchObject({ to: { aadObjectId: ALI.aadObjectId }, about: { followUpOn: '2026-12-10', plan: agreement.reminderPlan } });
    const notices = await changeNoticesOf(caseId);
    expect(notices.map(to).sort()).toEqual([ALI.aadObjectId, JONAS.aadObjectId].sort());
    expect(new Set(notices.map((message) => message.notBefore))).toEqual(new Set(['2026-11-24T07:00:00.000Z']));
    expect(new Set(notices.map((message) => (message.about as { digest?: string }).digest))).toEqual(new Set(['reminders 2026-11-24']));
    // Jonas reads that it is Ali's now, without the buttons; Ali reads it as hers, with them.
    const current = await turns.storedCase(caseId);
    const forJonas = rendered(current, notices.find((message) => to(message) === JONAS.aadObjectId)!);
    expect(textsOf(forJonas)).toContain(da.cards.reminders.handedOverTo('Ali Hassan'));
    expect(verbsOf(forJonas)).toEqual([]);
    expect(verbsOf(rendered(current, notices.find((message) => to(message) === ALI.aadObjectId)!))).toContain('agreement.done');
  });

  it('saves nothing when nothing changed, and says so', async () => {
    const { caseId, agreementId } = await agreementOfJonas();
    const before = await turns.bot().store.getCase(TENANT_ID, caseId);
    const card = cardOf(await click(METTE, personalChat(METTE), 'agreement.change', { caseId, agreementId, action: AGREEMENT.action, followUpOn: AGREEMENT.followUpOn, followUpMethod: 'phone' }));
    expect(textsOf(card)).toContain(confirmations.agreementUnchanged);
    expect((await turns.bot().store.getCase(TENANT_ID, caseId))?.etag).toBe(before?.etag);
  });
});

describe('agreement.requestChange ("Bed om ændring") and the coordinator\'s answer', () => {
  it('Jonas asks for a new date; Mette gets the card to decide and accepts; Jonas hears the answer, nobody gets a digest line', async () => {
    const { caseId, agreementId } = await agreementOfJonas();
    const edit = cardOf(await click(JONAS, personalChat(JONAS), 'agreement.edit', { caseId, agreementId }));
    expect(verbsOf(edit)).toEqual(['agreement.requestChange']);
    const asked = cardOf(await click(JONAS, personalChat(JONAS), 'agreement.requestChange', { caseId, agreementId, newFollowUpOn: '2026-12-20', why: 'Skolen holder juleferie' }));
    expect(textsOf(asked)).toContain(confirmations.changeAsked);
    // While it waits, Jonas cannot ask again.
    expect(verbsOf(asked)).not.toContain('agreement.requestChange');
    const requested = (await outboxOf(caseId)).filter((message) => message.kind === 'changeRequested');
    expect(requested.map(to)).toEqual([METTE.aadObjectId]);
    const forMette = rendered(await turns.storedCase(caseId), requested[0]!);
    expect(textsOf(forMette).some((text) => text.includes('Skolen holder juleferie') && text.includes(labels.requestParts.followUpOn('20.12.2026')))).toBe(true);
    expect(verbsOf(forMette)).toEqual(expect.arrayContaining(['agreement.acceptChange', 'agreement.declineChange', 'agreement.change']));

    const accepted = cardOf(await click(METTE, personalChat(METTE), 'agreement.acceptChange', { caseId, agreementId }));
    expect(textsOf(accepted)).toContain(confirmations.changeAccepted);
    const agreement = await agreementOf(caseId, agreementId);
    expect(agreement).toMatchObject({ followUpOn: '2026-12-20' });
    expect(agreement.history.at(-1)).toMatchObject({ kind: 'changed', requested: true, before: { followUpOn: '2026-12-01' } });
    const decided = (await outboxOf(caseId)).filter((message) => message.kind === 'changeDecided');
    expect(decided.map(to)).toEqual([JONAS.aadObjectId]);
    expect(textsOf(rendered(await turns.storedCase(caseId), decided[0]!))).toContain(labels.decided(true, AGREEMENT.action, undefined));
    // Jonas asked and Mette decided: both know, so nobody is told again in the reminders.
    expect(await changeNoticesOf(caseId)).toEqual([]);
    expect(await turns.auditOf(caseId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorAadObjectId: JONAS.aadObjectId, action: 'agreement.requestChange', outcome: 'ok' }),
        expect.objectContaining({ actorAadObjectId: METTE.aadObjectId, action: 'agreement.acceptChange', outcome: 'ok' }),
      ]),
    );
  });

  it('Mette declines with a reason; the agreement stays, Jonas reads why', async () => {
    const { caseId, agreementId } = await agreementOfJonas();
    cardOf(await click(JONAS, personalChat(JONAS), 'agreement.requestChange', { caseId, agreementId, newAction: 'Sende en mail til skolen', why: 'De tager ikke telefonen' }));
    const declined = cardOf(await click(METTE, personalChat(METTE), 'agreement.declineChange', { caseId, agreementId, reason: 'Emil vil hellere ringe selv' }));
    expect(textsOf(declined)).toContain(confirmations.changeDeclined);
    expect(await agreementOf(caseId, agreementId)).toMatchObject({ action: AGREEMENT.action, changeRequest: { decision: { accepted: false, reason: 'Emil vil hellere ringe selv' } } });
    const decided = (await outboxOf(caseId)).filter((message) => message.kind === 'changeDecided');
    expect(textsOf(rendered(await turns.storedCase(caseId), decided[0]!))).toContain(labels.decided(false, AGREEMENT.action, 'Emil vil hellere ringe selv'));
    // Deciding again finds nothing waiting.
    expect(await click(METTE, personalChat(METTE), 'agreement.acceptChange', { caseId, agreementId })).toEqual({ message: da.errors.noChangeRequest({}) });
  });

  it('refuses a request that asks for nothing, or gives no reason, saving nothing', async () => {
    const { caseId, agreementId } = await agreementOfJonas();
    expect(await click(JONAS, personalChat(JONAS), 'agreement.requestChange', { caseId, agreementId, why: 'Fordi' })).toEqual({ message: da.errors.changeRequestEmpty({}) });
    expect(await click(JONAS, personalChat(JONAS), 'agreement.requestChange', { caseId, agreementId, newFollowUpOn: '2026-12-20' })).toEqual({ message: da.errors.fieldRequired({ field: 'why' }) });
    expect((await agreementOf(caseId, agreementId)).changeRequest).toBeUndefined();
  });
});

describe('refused because of who asks', () => {
  itRefuses(turns, agreementOfJonas, [
    { verb: 'agreement.change', who: JONAS, code: 'notCoordinator', data: ({ agreementId }) => ({ agreementId, followUpOn: '2026-12-20' }) },
    { verb: 'agreement.acceptChange', who: JONAS, code: 'notCoordinator', data: ({ agreementId }) => ({ agreementId }) },
    { verb: 'agreement.declineChange', who: ALI, code: 'notCoordinator', data: ({ agreementId }) => ({ agreementId }) },
    { verb: 'agreement.requestChange', who: ALI, code: 'notAgreementOwner', data: ({ agreementId }) => ({ agreementId, newFollowUpOn: '2026-12-20', why: 'x' }) },
    { verb: 'agreement.edit', who: LARS, code: 'noValidConsent', audited: 'goals.read', data: ({ agreementId }) => ({ agreementId }) },
  ]);
});
