// From the goals and agreements form to the messages it causes, on the real embedded store.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../bot/app/context';
import { askForHelpWith, completeMyAgreement, listMyAgreements, moveMyAgreement } from '../../bot/app/agreements';
import { acknowledgeCaseHandOver, approveAndCirculate, closeNetworkMeeting, sendBackForChanges } from '../../bot/app/closeMeeting';
import { addCaseAgreement, addCaseGoal, markCaseGoal, reviseCaseGoal } from '../../bot/app/goalsForm';
import { recordCaseConsent, withdrawCaseConsent } from '../../bot/app/manageConsent';
import { addTeamMember } from '../../bot/app/manageTeam';
import { reportPlanSlipping } from '../../bot/app/reportPlanSlipping';
import { openCase } from '../../bot/app/openCase';
import { answerMeetingChecklist, openNetworkMeeting } from '../../bot/app/runMeeting';
import { asyncCodeOf } from '../support/refusals';
import { COORDINATOR, JONAS, STRANGER, YOUNG_PERSON, appDeps } from './appFixture';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const METTE: Actor = { ...COORDINATOR, teamsUserId: '29:mette', serviceUrl: SERVICE_URL };
const ALI: Actor = { tenantId: COORDINATOR.tenantId, aadObjectId: 'aad-ali', name: 'Ali Hassan', serviceUrl: SERVICE_URL };

const closing = (ids: { coordinator: string; ali: string }) => ({
  waitingArrangement: 'Ali holder kontakten',
  feedbackMemberId: ids.coordinator,
  eyeKeeperMemberId: ids.ali,
  acuteContactMemberId: ids.ali,
  nextMeetingDate: '2027-02-15',
  nextMeetingTime: '09:00',
  summary: 'Fokus på uddannelse.',
  // The checklist is left empty here: closing without it is confirmed (its own tests: test/domain/checklistWindow.test.ts, test/app/checklistWindow.test.ts).
  confirmEmptySections: true,
});

async function meetingWithForm() {
  const deps = appDeps();
  const created = await openCase(deps, METTE, YOUNG_PERSON, async () => ({ kind: 'groupChat', conversationId: 'chat-1' }));
  const caseId = created.id;
  await addTeamMember(deps, METTE, caseId, { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: JONAS.aadObjectId, name: JONAS.name, teamsUserId: '29:jonas' } });
  await addTeamMember(deps, METTE, caseId, { role: 'housingSupport', person: { kind: 'teams', aadObjectId: ALI.aadObjectId, name: ALI.name, teamsUserId: '29:ali' } });
  const withVip = await addTeamMember(deps, METTE, caseId, { role: 'vip', person: { kind: 'external', name: 'Karen Hansen', phone: '22334455' } });
  const id = (role: string) => withVip.members.find((member) => member.role === role)!.id;
  const ids = { coordinator: id('coordinator'), young: id('youngPerson'), jonas: id('youthGuidance'), ali: id('housingSupport'), vip: id('vip') };
  await recordCaseConsent(deps, METTE, caseId, { givenByYoungPerson: true, givenOn: '2026-11-01', expiresOn: '2027-11-01', partyMemberIds: Object.values(ids) });
  const opened = await openNetworkMeeting(deps, METTE, caseId, { date: '2026-11-23', time: '10:00' });
  const meetingId = opened.meetings[0]!.id;
  // Jonas is the meeting's minute-taker (referent): he may write the form.
  await answerMeetingChecklist(deps, METTE, caseId, meetingId, { roleWriter: ids.jonas });
  const withGoal = await addCaseGoal(deps, JONAS, caseId, { theme: 'education', longTermGoal: 'Jeg vil være tømrer', subGoals: '10. klasse' });
  const goalId = withGoal.goals[0]!.id;
  const agree = (ownerMemberId: string, action: string) =>
    addCaseAgreement(deps, JONAS, caseId, goalId, { action, ownerMemberId, followUpOn: '2026-12-01', followUpMethod: 'phone' });
  await agree(ids.jonas, 'Ringe til erhvervsskolen');
  await agree(ids.young, 'Besøge skolen');
  await agree(ids.vip, 'Køre med til besøget');
  return { deps, caseId, meetingId, goalId, ids };
}

describe('the goals and agreements form', () => {
  it('is written by the minute-taker or the coordinator, not by other members', async () => {
    const { deps, caseId, goalId } = await meetingWithForm();
    await addTeamMember(deps, METTE, caseId, { role: 'school', person: { kind: 'teams', aadObjectId: STRANGER.aadObjectId, name: STRANGER.name } });
    expect(await asyncCodeOf(addCaseGoal(deps, STRANGER, caseId, { theme: 'housing', longTermGoal: 'Egen bolig' }))).toBe('noValidConsent');
    expect(await asyncCodeOf(addCaseGoal(deps, ALI, caseId, { theme: 'housing', longTermGoal: 'Egen bolig' }))).toBe('notWriter');
    const revised = await reviseCaseGoal(deps, METTE, caseId, goalId, { longTermGoal: 'Jeg vil være snedker', subGoals: '10. klasse' });
    expect(revised.goals[0]!.versions).toHaveLength(2);
    const marked = await markCaseGoal(deps, JONAS, { caseId, goalId, reached: false, reason: 'Venter på optag' });
    expect(marked.goals[0]!.outcomes).toMatchObject([{ reached: false, reason: 'Venter på optag' }]);
  });
});

describe('closing, approval and circulation', () => {
  it('sends nothing until the young person has approved the form', async () => {
    const { deps, caseId, meetingId, ids } = await meetingWithForm();
    // What recording consent planned (its expiry reminder) is there before; closing adds nothing to it.
    const before = await deps.store.listOutbox(COORDINATOR.tenantId, caseId);
    expect(await asyncCodeOf(closeNetworkMeeting(deps, METTE, caseId, meetingId, { summary: 'x' }))).toBe('closingIncomplete');
    expect(await asyncCodeOf(closeNetworkMeeting(deps, JONAS, caseId, meetingId, closing(ids)))).toBe('notCoordinator');
    await closeNetworkMeeting(deps, METTE, caseId, meetingId, closing(ids));
    await sendBackForChanges(deps, METTE, caseId, meetingId, 'Målet skal formuleres med den unges ord');
    expect(await deps.store.listOutbox(COORDINATOR.tenantId, caseId)).toEqual(before);
    expect(before.map((message) => message.kind === 'reminder' && message.about.reminder)).toEqual(['consentExpiring']);
  });

  it('writes every message with the approval: minutes, each owner, the relay, the hand-over and its reminder', async () => {
    const { deps, caseId, meetingId, ids } = await meetingWithForm();
    await closeNetworkMeeting(deps, METTE, caseId, meetingId, closing(ids));
    await approveAndCirculate(deps, METTE, caseId, meetingId, '2026-11-23');
    const written = await deps.store.listOutbox(COORDINATOR.tenantId, caseId);
    const outbox = written.filter((message) => message.kind !== 'reminder');
    const summary = outbox.map((message) => [message.kind, message.to.kind === 'user' ? message.to.teamsUserId : message.to.conversationId, 'ownerMemberId' in message.about ? message.about.ownerMemberId : '']);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['minutes', 'chat-1', ''],
        ['agreementAssigned', '29:jonas', ids.jonas],
        // The young person and the VIP are not in Teams: the coordinator relays their agreements.
        ['agreementRelay', '29:mette', ids.young],
        ['agreementRelay', '29:mette', ids.vip],
        ['handOver', '29:ali', ''],
        ['handOverReminder', '29:mette', ''],
      ]),
    );
    expect(outbox).toHaveLength(6);
    expect(outbox.every((message) => message.serviceUrl === SERVICE_URL && message.status === 'pending')).toBe(true);
    const reminder = outbox.find((message) => message.kind === 'handOverReminder')!;
    expect(reminder.notBefore > outbox.find((message) => message.kind === 'minutes')!.notBefore).toBe(true);
    // The outbox names ids only: no name, phone or text of the young person.
    expect(JSON.stringify(outbox)).not.toMatch(/Emil|22334455|Karen|tømrer/);
    expect(await asyncCodeOf(approveAndCirculate(deps, METTE, caseId, meetingId, '2026-11-23'))).toBe('minutesAlreadyApproved');
  });

  it('plans the reminders with the approval: each follow-up, the feedback, the next meeting, the rhythm', async () => {
    const { deps, caseId, meetingId, ids } = await meetingWithForm();
    await closeNetworkMeeting(deps, METTE, caseId, meetingId, closing(ids));
    await approveAndCirculate(deps, METTE, caseId, meetingId, '2026-11-23');
    const planned = (await deps.store.listOutbox(COORDINATOR.tenantId, caseId)).filter((message) => message.kind === 'reminder');
    const lines = planned.map((message) => `${message.about.reminder} ${message.to.kind === 'user' ? message.to.teamsUserId : ''} ${message.notBefore}`);
    // Follow-up 1 December 2026 (a Tuesday): two working days before is Friday 27 November, 08:00.
    expect(lines).toEqual(
      expect.arrayContaining([
        'agreementBefore 29:jonas 2026-11-27T07:00:00.000Z',
        'agreementOnDay 29:jonas 2026-12-01T07:00:00.000Z',
        'agreementOverdue 29:jonas 2026-12-02T07:00:00.000Z',
        'agreementOverdue 29:ali 2026-12-02T07:00:00.000Z',
        'feedbackDue 29:mette 2026-11-24T07:00:00.000Z',
        'feedbackOverdue 29:mette 2026-11-25T07:00:00.000Z',
        'nextMeetingSoon 29:mette 2027-01-25T07:00:00.000Z',
        'noMeetingPlanned 29:mette 2027-03-23T07:00:00.000Z',
        // Planned when consent was recorded (to 1 November 2027): 30 days before, summer time.
        'consentExpiring 29:mette 2027-10-04T06:00:00.000Z',
      ]),
    );
    // The young person's and the VIP's reminders go to the coordinator, who relays them.
    const relayed = planned.filter((message) => message.about.memberId === ids.young || message.about.memberId === ids.vip);
    expect(relayed.length).toBeGreaterThan(0);
    expect(relayed.every((message) => message.to.kind === 'user' && message.to.teamsUserId === '29:mette')).toBe(true);
    expect(planned).toHaveLength(3 * 3 + 3 + 2 + 1 + 1 + 1);
  });

  it('asks no coordinator who keeps the eye themselves to acknowledge: the approval acknowledges, and no reminder is written', async () => {
    const { deps, caseId, meetingId, ids } = await meetingWithForm();
    await closeNetworkMeeting(deps, METTE, caseId, meetingId, { ...closing(ids), eyeKeeperMemberId: ids.coordinator });
    const approved = await approveAndCirculate(deps, METTE, caseId, meetingId, '2026-11-23');
    const closure = approved.meetings[0]!.closure!;
    expect(closure.handOverAcknowledgedAt).toBe(closure.approval?.recordedAt);
    const kinds = (await deps.store.listOutbox(COORDINATOR.tenantId, caseId)).map((message) => message.kind);
    expect(kinds).toContain('handOver');
    expect(kinds).not.toContain('handOverReminder');
  });

  it('lets the eye-keeper acknowledge the hand-over, and nobody else but the coordinator', async () => {
    const { deps, caseId, meetingId, ids } = await meetingWithForm();
    await closeNetworkMeeting(deps, METTE, caseId, meetingId, closing(ids));
    await approveAndCirculate(deps, METTE, caseId, meetingId, '2026-11-23');
    expect(await asyncCodeOf(acknowledgeCaseHandOver(deps, JONAS, caseId, meetingId))).toBe('notEyeKeeper');
    const acknowledged = await acknowledgeCaseHandOver(deps, ALI, caseId, meetingId);
    expect(acknowledged.meetings[0]!.closure?.handOverAcknowledgedAt).toBeDefined();
  });
});

describe('my agreements', () => {
  it('lists mine across cases by date; done, new date and needs help change them', async () => {
    const { deps, caseId } = await meetingWithForm();
    const mine = await listMyAgreements(deps, JONAS);
    expect(mine.agreements.map((item) => item.agreement.action)).toEqual(['Ringe til erhvervsskolen']);
    expect(mine.withheld).toEqual([]);
    const agreementId = mine.agreements[0]!.agreement.id;
    expect(await asyncCodeOf(completeMyAgreement(deps, ALI, caseId, agreementId))).toBe('notAgreementOwner');
    await moveMyAgreement(deps, JONAS, caseId, agreementId, '2026-12-10');
    const helped = await askForHelpWith(deps, { ...JONAS, serviceUrl: SERVICE_URL }, caseId, agreementId);
    expect(helped.agreements.find((a) => a.id === agreementId)!.history.map((event) => event.kind)).toEqual(['created', 'newDate', 'needsHelp']);
    // No meeting circulated yet, so no eye-keeper: the coordinator hears at once.
    const help = (await deps.store.listOutbox(COORDINATOR.tenantId, caseId)).filter((message) => message.kind === 'needsHelp');
    expect(help.map((message) => (message.to.kind === 'user' ? message.to.teamsUserId : ''))).toEqual(['29:mette']);
    await completeMyAgreement(deps, JONAS, caseId, agreementId);
    expect(await listMyAgreements(deps, JONAS)).toEqual({ agreements: [], withheld: [] });
  });

  it('counts, without showing them, my open agreements in a case whose consent was withdrawn or has expired, with the reason; audited as denied', async () => {
    const { deps, caseId } = await meetingWithForm();
    await withdrawCaseConsent(deps, METTE, caseId);
    const withdrawn = await listMyAgreements(deps, JONAS);
    expect(withdrawn.agreements).toEqual([]);
    expect(withdrawn.withheld.map((item) => [item.case.id, item.openCount, item.reason])).toEqual([[caseId, 1, 'withdrawn']]);
    const audit = (await deps.store.listAudit(COORDINATOR.tenantId, caseId)).filter((record) => record.action === 'agreements.read');
    expect(audit.map((record) => [record.actorAadObjectId, record.outcome])).toEqual([[JONAS.aadObjectId, 'denied']]);

    // Consent given until 1 November 2027: the day after, it has expired.
    const { deps: later, caseId: laterCase } = await meetingWithForm();
    const expiredDeps = { ...later, now: () => new Date('2027-11-02T09:00:00Z') };
    expect((await listMyAgreements(expiredDeps, JONAS)).withheld.map((item) => [item.case.id, item.openCount, item.reason])).toEqual([[laterCase, 1, 'expired']]);
  });

  it('plans an agreement\'s reminders once per move: an unchanged date plans nothing, a new plan retires the old', async () => {
    const { deps, caseId, meetingId, ids } = await meetingWithForm();
    await closeNetworkMeeting(deps, METTE, caseId, meetingId, closing(ids));
    await approveAndCirculate(deps, METTE, caseId, meetingId, '2026-11-23');
    const agreementId = (await listMyAgreements(deps, JONAS)).agreements[0]!.agreement.id;
    const remindersOf = async () =>
      (await deps.store.listOutbox(COORDINATOR.tenantId, caseId)).filter((message) => message.kind === 'reminder' && 'agreementId' in message.about && message.about.agreementId === agreementId);
    const before = await remindersOf();
    const unchanged = await moveMyAgreement(deps, JONAS, caseId, agreementId, '2026-12-01');
    expect(await remindersOf()).toHaveLength(before.length);
    expect(unchanged.agreements.find((a) => a.id === agreementId)!.history.map((event) => event.kind)).toEqual(['created']);
    const moved = await moveMyAgreement(deps, JONAS, caseId, agreementId, '2026-12-10');
    const plan = moved.agreements.find((a) => a.id === agreementId)!.reminderPlan;
    const after = await remindersOf();
    expect(after.length).toBe(2 * before.length);
    expect(after.filter((message) => 'plan' in message.about && message.about.plan === plan)).toHaveLength(before.length);
  });

  it('tells the eye-keeper and the coordinator at once when a member reports the plan slipping', async () => {
    const { deps, caseId, meetingId, ids } = await meetingWithForm();
    await closeNetworkMeeting(deps, METTE, caseId, meetingId, closing(ids));
    await approveAndCirculate(deps, METTE, caseId, meetingId, '2026-11-23');
    expect(await asyncCodeOf(reportPlanSlipping(deps, STRANGER, caseId))).toBe('notTeamMember');
    const reported = await reportPlanSlipping(deps, { ...JONAS, serviceUrl: SERVICE_URL }, caseId);
    expect(reported.history.at(-1)).toMatchObject({ kind: 'planSlipping', byAadObjectId: JONAS.aadObjectId });
    const slipping = (await deps.store.listOutbox(COORDINATOR.tenantId, caseId)).filter((message) => message.kind === 'planSlipping');
    expect(slipping.map((message) => (message.to.kind === 'user' ? message.to.teamsUserId : '')).sort()).toEqual(['29:ali', '29:mette']);
    expect(slipping.every((message) => message.about.memberId === ids.jonas && message.notBefore === slipping[0]!.notBefore)).toBe(true);
  });

  it('sends "needs help" to the eye-keeper and the coordinator once a hand-over exists', async () => {
    const { deps, caseId, meetingId, ids } = await meetingWithForm();
    await closeNetworkMeeting(deps, METTE, caseId, meetingId, closing(ids));
    await approveAndCirculate(deps, METTE, caseId, meetingId, '2026-11-23');
    const agreementId = (await listMyAgreements(deps, JONAS)).agreements[0]!.agreement.id;
    await askForHelpWith(deps, { ...JONAS, serviceUrl: SERVICE_URL }, caseId, agreementId);
    const help = (await deps.store.listOutbox(COORDINATOR.tenantId, caseId)).filter((message) => message.kind === 'needsHelp');
    expect(help.map((message) => (message.to.kind === 'user' ? message.to.teamsUserId : '')).sort()).toEqual(['29:ali', '29:mette']);
  });
});

describe('a refusal because of who asked', () => {
  it('is audited as denied, whichever rule refused: the form, the hand-over and an agreement', async () => {
    const { deps, caseId, meetingId, ids } = await meetingWithForm();
    const agreementId = (await listMyAgreements(deps, JONAS)).agreements[0]!.agreement.id;
    expect(await asyncCodeOf(addCaseGoal(deps, ALI, caseId, { theme: 'housing', longTermGoal: 'Egen bolig' }))).toBe('notWriter');
    expect(await asyncCodeOf(completeMyAgreement(deps, ALI, caseId, agreementId))).toBe('notAgreementOwner');
    await closeNetworkMeeting(deps, METTE, caseId, meetingId, closing(ids));
    await approveAndCirculate(deps, METTE, caseId, meetingId, '2026-11-23');
    expect(await asyncCodeOf(acknowledgeCaseHandOver(deps, JONAS, caseId, meetingId))).toBe('notEyeKeeper');

    const denied = (await deps.store.listAudit(COORDINATOR.tenantId, caseId)).filter((record) => record.outcome === 'denied');
    expect(denied.map((record) => [record.actorAadObjectId, record.action])).toEqual([
      [ALI.aadObjectId, 'goal.add'],
      [ALI.aadObjectId, 'agreement.done'],
      [JONAS.aadObjectId, 'handOver.acknowledge'],
    ]);
  });
});
