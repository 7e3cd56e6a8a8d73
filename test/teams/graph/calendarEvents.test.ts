// The network meeting in the coordinator's calendar (issue 15 §2), through the use cases, the outbox and
// the real dispatcher against the local Graph stub: planning makes the event, opening at another time
// moves it, closing records it as held, cancelling cancels it; Graph's refusal leaves the meeting planned
// and tells the coordinator once; a 429 storm loses nothing; and without Graph nothing changes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, AppDeps } from '../../../bot/app/context';
import { closeNetworkMeeting } from '../../../bot/app/closeMeeting';
import { tellCoordinator } from '../../../bot/app/deliveryNotices';
import { recordCaseConsent, withdrawCaseConsent } from '../../../bot/app/manageConsent';
import { addTeamMember, handOverCoordination, removeTeamMember } from '../../../bot/app/manageTeam';
import { closeCaseNow, eraseCase } from '../../../bot/app/rights';
import { openCase } from '../../../bot/app/openCase';
import { cancelNetworkMeeting, openNetworkMeeting, planNetworkMeeting } from '../../../bot/app/runMeeting';
import { loadConfig } from '../../../bot/config';
import { OutboxDispatcher } from '../../../bot/outbox/dispatcher';
import type { OutboxMessage } from '../../../bot/store/port';
import { createCalendarSender } from '../../../bot/teams/calendarSender';
import { renderOutboxMessage } from '../../../bot/teams/renderOutbox';
import { graphCalendar } from '../../../bot/teams/graph/calendar';
import { GraphClient } from '../../../bot/teams/graph/graphClient';
import { createLogger } from '../../../bot/logger';
import { COORDINATOR, JONAS, YOUNG_PERSON, appDeps } from '../../app/appFixture';
import { type GraphStub, startGraphStub } from './graphStub';

const METTE: Actor = { ...COORDINATOR, teamsUserId: '29:mette', serviceUrl: 'https://smba.example/' };

let stub: GraphStub;
beforeAll(async () => {
  stub = await startGraphStub();
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
  stub.faults.length = 0;
  stub.events.clear();
  stub.forbiddenMailboxes.clear();
  stub.users.set('aad-jonas', 'jonas.jensen@kommune.dk');
});

/** A case whose team is Mette (coordinator), Jonas (Teams), Ole (external, consent covers him) and Pia (external, not covered). */
async function teamCase(deps: AppDeps) {
  const caseId = (await openCase(deps, METTE, YOUNG_PERSON)).id;
  await addTeamMember(deps, METTE, caseId, { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: JONAS.aadObjectId, name: JONAS.name } });
  await addTeamMember(deps, METTE, caseId, { role: 'school', person: { kind: 'external', name: 'Ole Olsen', email: 'ole@skolen.dk' } });
  const team = await addTeamMember(deps, METTE, caseId, { role: 'housingSupport', person: { kind: 'external', name: 'Pia Poulsen', email: 'pia@bosted.dk' } });
  const covered = team.members.filter((member) => member.person.kind !== 'external' || member.person.name === 'Ole Olsen').map((member) => member.id);
  await recordCaseConsent(deps, METTE, caseId, { givenByYoungPerson: true, givenOn: '2026-11-01', expiresOn: '2027-11-01', partyMemberIds: covered });
  return caseId;
}

/** The outbox as the service sends it: the real dispatcher, Graph for calendar events, every Teams message taken as sent. */
function dispatcherFor(deps: AppDeps, options: { maxAttempts?: number } = {}) {
  const slept: number[] = [];
  const graph = new GraphClient({ baseUrl: stub.url, tokens: async () => 'token', sleep: async (ms) => void slept.push(ms), maxTries: 3, maxTotalWaitMs: 10_000 });
  const calendar = createCalendarSender(graphCalendar(graph), deps, createLogger('silent'));
  const dispatcher = new OutboxDispatcher({
    store: deps.store,
    now: deps.now,
    owner: 'test',
    leaseMs: 60_000,
    batchSize: 100,
    send: async (message) => (message.kind === 'calendarEvent' || message.kind === 'calendarCancel' ? calendar(message) : { status: 'sent' }),
    onGivenUp: tellCoordinator(deps.store, deps.now),
    ...options,
  });
  return { dispatcher, slept };
}

const mettesEvents = () => stub.events.get('aad-mette') ?? [];
const attendeesOf = (event: { attendees?: { emailAddress: { address: string } }[] } | undefined) => (event?.attendees ?? []).map((attendee) => attendee.emailAddress.address).sort();
const kinds = (messages: OutboxMessage[]) => messages.map((message) => message.kind);

describe('the network meeting in the calendar', () => {
  it('is made when planned, moved when opened at another time, recorded as held when closed, and the next one cancelled with its meeting', async () => {
    const deps = { ...appDeps(), calendar: true };
    const caseId = await teamCase(deps);
    const { dispatcher } = dispatcherFor(deps);

    const planned = await planNetworkMeeting(deps, METTE, caseId, { date: '2026-12-01', time: '10:00' });
    const meetingId = planned.meetings[0]!.id;
    await dispatcher.runOnce();
    expect(mettesEvents()).toHaveLength(1);
    const [event] = mettesEvents();
    expect(event).toMatchObject({
      subject: `Netværksmøde, sag ${planned.reference}`,
      start: { dateTime: '2026-12-01T09:00:00.000', timeZone: 'UTC' },
      end: { dateTime: '2026-12-01T11:00:00.000', timeZone: 'UTC' },
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      hideAttendees: true,
      transactionId: meetingId,
    });
    expect(event!.onlineMeeting?.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    expect(event!.attendees?.map((attendee) => attendee.emailAddress.address).sort()).toEqual(['jonas.jensen@kommune.dk', 'ole@skolen.dk']);
    // The body: the reference and seed 001's agenda, never the young person.
    expect(event!.body?.content).toContain(planned.reference);
    expect(event!.body?.content).toContain('3. Drøftelse af den unges situation, behov og mål');
    for (const personal of ['Emil', 'Hansen', '22334455', '2007']) expect(JSON.stringify(event)).not.toContain(personal);
    let stored = (await deps.store.getCase('tenant-a', caseId))!.case;
    expect(stored.meetings[0]!.calendarEvent).toEqual({ eventId: event!.id, mailboxAadObjectId: 'aad-mette' });

    await openNetworkMeeting(deps, METTE, caseId, { date: '2026-12-03', time: '13:00' });
    await dispatcher.runOnce();
    expect(mettesEvents()).toHaveLength(1);
    expect(stub.requests.at(-1)).toMatchObject({ method: 'PATCH', path: `/users/aad-mette/events/${event!.id}` });
    expect(mettesEvents()[0]).toMatchObject({ subject: `Netværksmøde nr. 1, sag ${planned.reference}`, start: { dateTime: '2026-12-03T12:00:00.000' } });

    stored = (await deps.store.getCase('tenant-a', caseId))!.case;
    const id = (name: string) => stored.members.find((member) => member.person.kind !== 'youngPerson' && member.person.name === name)!.id;
    const closing = { waitingArrangement: 'Ingen venter', feedbackMemberId: id(METTE.name), eyeKeeperMemberId: id(JONAS.name), acuteContactMemberId: id(JONAS.name), summary: 'Fokus på skole.' };
    await closeNetworkMeeting(deps, METTE, caseId, meetingId, { ...closing, nextMeetingDate: '2027-02-15', nextMeetingTime: '09:00', confirmEmptySections: true });
    await dispatcher.runOnce();
    const [held, next] = mettesEvents();
    expect(held!.subject).toBe(`Netværksmøde nr. 1, sag ${planned.reference} (afholdt)`);
    expect(next).toMatchObject({ subject: `Netværksmøde, sag ${planned.reference}`, start: { dateTime: '2027-02-15T08:00:00.000' } });

    const nextMeetingId = (await deps.store.getCase('tenant-a', caseId))!.case.meetings.find((meeting) => meeting.status === 'planned')!.id;
    await cancelNetworkMeeting(deps, METTE, { caseId, meetingId: nextMeetingId, reason: 'other', otherReason: 'Sygdom i teamet' });
    await dispatcher.runOnce();
    expect(stub.requests.at(-1)).toMatchObject({ method: 'POST', path: `/users/aad-mette/events/${next!.id}/cancel`, body: { Comment: 'Netværksmødet er aflyst.' } });
    expect(next!.isCancelled).toBe(true);
    // The reason typed for the cancellation never reaches the invitees.
    expect(JSON.stringify(stub.requests)).not.toContain('Sygdom');
    // Every calendar message was sent and then let go; none left.
    expect(kinds(await deps.store.listOutbox('tenant-a', caseId))).not.toContain('calendarEvent');
  });

  it("keeps the meeting planned when Graph refuses the mailbox, and tells the coordinator once, in one sentence", async () => {
    const deps = { ...appDeps(), calendar: true };
    const caseId = await teamCase(deps);
    const { dispatcher } = dispatcherFor(deps);
    stub.forbiddenMailboxes.add('aad-mette');

    const planned = await planNetworkMeeting(deps, METTE, caseId, { date: '2026-12-01', time: '10:00' });
    await dispatcher.runOnce();
    await openNetworkMeeting(deps, METTE, caseId, { date: '2026-12-01', time: '10:00' });
    await dispatcher.runOnce();

    const stored = (await deps.store.getCase('tenant-a', caseId))!.case;
    expect(stored.meetings[0]).toMatchObject({ status: 'open', id: planned.meetings[0]!.id });
    expect(stored.meetings[0]!.calendarEvent).toBeUndefined();
    const outbox = await deps.store.listOutbox('tenant-a', caseId);
    const notices = outbox.filter((message) => message.kind === 'calendarRefused');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ to: { kind: 'user', aadObjectId: 'aad-mette' }, about: { reason: 'refused' }, status: 'sent' });
    expect(outbox.filter((message) => message.kind === 'calendarEvent').map((message) => [message.status, message.lastError])).toEqual([
      ['failed', 'http403'],
      ['failed', 'http403'],
    ]);
    // No sendFailed on top: the calendar's own notice is the one sentence.
    expect(kinds(outbox)).not.toContain('sendFailed');
    const text = (locale: string | undefined) => {
      const rendered = renderOutboxMessage({ message: notices[0]!, current: stored }, [], { tenantId: 'tenant-a', aadObjectId: 'aad-mette', ...(locale ? { locale } : {}) }, deps.now());
      return JSON.stringify('activity' in rendered ? rendered.activity : rendered);
    };
    expect(text(undefined)).toContain('Mødet tirsdag 1. december 2026 kl. 10:00 er planlagt som før, men Outlook ville ikke give botten adgang til din kalender, så send selv mødeindkaldelsen');
    expect(text('en-GB')).toContain('please send the invitation yourself and ask your IT department to give the app the Calendars.ReadWrite permission for your mailbox');
  });

  it('loses nothing in a 429 storm: waits are bounded, the message comes back after Retry-After, and one event is made', async () => {
    let now = new Date('2026-11-23T09:00:00Z');
    const deps = { ...appDeps(), now: () => now, calendar: true };
    const caseId = await teamCase(deps);
    const { dispatcher, slept } = dispatcherFor(deps);
    await planNetworkMeeting(deps, METTE, caseId, { date: '2026-12-01', time: '10:00' });
    for (let index = 0; index < 5; index++) stub.faults.push({ status: 429, retryAfter: '7' });

    const first = await dispatcher.runOnce();
    expect(first).toMatchObject({ retried: 1, failed: 0 });
    // A second wait of 7 s would pass the client's 10 s bound: one wait, then the outbox takes over.
    expect(slept).toEqual([7000]);
    const [pending] = (await deps.store.listOutbox('tenant-a', caseId)).filter((message) => message.kind === 'calendarEvent');
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastError: 'http429', notBefore: '2026-11-23T09:00:07.000Z' });

    now = new Date('2026-11-23T09:00:08Z');
    await dispatcher.runOnce();
    now = new Date('2026-11-23T09:00:30Z');
    await dispatcher.runOnce();
    expect(mettesEvents()).toHaveLength(1);
    expect(Math.max(...slept)).toBeLessThanOrEqual(7000);
    expect(slept.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(3 * 10_000);
  });

  it('tells the coordinator once when Graph keeps throttling past every retry, and the meeting stays planned', async () => {
    let now = new Date('2026-11-23T09:00:00Z');
    const deps = { ...appDeps(), now: () => now, calendar: true };
    const caseId = await teamCase(deps);
    const { dispatcher } = dispatcherFor(deps, { maxAttempts: 2 });
    await planNetworkMeeting(deps, METTE, caseId, { date: '2026-12-01', time: '10:00' });
    for (let index = 0; index < 20; index++) stub.faults.push({ status: 503, retryAfter: '6' });
    await dispatcher.runOnce();
    now = new Date('2026-11-23T09:01:00Z');
    await dispatcher.runOnce();
    const outbox = await deps.store.listOutbox('tenant-a', caseId);
    expect(outbox.filter((message) => message.kind === 'calendarRefused').map((message) => message.about)).toEqual([{ meetingId: expect.any(String), reason: 'unavailable' }]);
    expect((await deps.store.getCase('tenant-a', caseId))!.case.meetings[0]!.status).toBe('planned');
  });
});

describe('the calendar follows the case', () => {
  /** A case with its network meeting planned on 1 December and its event made in Mette's calendar. */
  async function plannedWithEvent(deps: AppDeps) {
    const caseId = await teamCase(deps);
    const { dispatcher } = dispatcherFor(deps);
    const planned = await planNetworkMeeting(deps, METTE, caseId, { date: '2026-12-01', time: '10:00' });
    await dispatcher.runOnce();
    expect(mettesEvents()).toHaveLength(1);
    return { caseId, dispatcher, reference: planned.reference, meetingId: planned.meetings[0]!.id, event: mettesEvents()[0]! };
  }

  it('cancels the events of the meetings ahead when the case is erased: the cancellation outlives the case and names nobody', async () => {
    const deps = { ...appDeps(), calendar: true };
    const { caseId, dispatcher, reference, event } = await plannedWithEvent(deps);

    await eraseCase(deps, METTE, caseId, reference);
    expect(await deps.store.getCase('tenant-a', caseId)).toBeUndefined();
    // All that is left to send: the cancellation, by ids.
    const [cancel, ...none] = await deps.store.listOutbox('tenant-a', caseId);
    expect(none).toEqual([]);
    expect(cancel).toMatchObject({ kind: 'calendarCancel', about: { eventId: event.id, mailboxAadObjectId: 'aad-mette' } });
    stub.requests.length = 0;
    await dispatcher.runOnce();
    expect(stub.requests).toEqual([expect.objectContaining({ method: 'POST', path: `/users/aad-mette/events/${event.id}/cancel`, body: { Comment: 'Netværksmødet er aflyst.' } })]);
    expect(event.isCancelled).toBe(true);
    for (const personal of ['Emil', 'Hansen', '22334455', '2007', reference]) expect(JSON.stringify(stub.requests)).not.toContain(personal);
    expect(await deps.store.listOutbox('tenant-a', caseId)).toEqual([]);
  });

  it('cancels the events of the meetings ahead when the case is closed; the meeting stays as it was', async () => {
    const deps = { ...appDeps(), calendar: true };
    const { caseId, dispatcher, reference, event } = await plannedWithEvent(deps);

    await closeCaseNow(deps, METTE, caseId, reference);
    await dispatcher.runOnce();
    expect(stub.requests.at(-1)).toMatchObject({ method: 'POST', path: `/users/aad-mette/events/${event.id}/cancel`, body: { Comment: 'Forløbet er afsluttet, så netværksmødet er aflyst.' } });
    expect(event.isCancelled).toBe(true);
    expect((await deps.store.getCase('tenant-a', caseId))!.case.meetings[0]!.status).toBe('planned');
  });

  it('moves the events of the meetings ahead to the new coordinator on a hand-over: cancelled in the old calendar, made in the new, once', async () => {
    const deps = { ...appDeps(), calendar: true };
    stub.users.set('aad-mette', 'mette.madsen@kommune.dk');
    const { caseId, dispatcher, meetingId, event } = await plannedWithEvent(deps);
    const jonasId = (await deps.store.getCase('tenant-a', caseId))!.case.members.find((member) => member.person.kind === 'teams' && member.person.aadObjectId === 'aad-jonas')!.id;

    await handOverCoordination(deps, METTE, caseId, jonasId, 'caseworkerChildren');
    await dispatcher.runOnce();
    expect(event).toMatchObject({ isCancelled: true, cancelComment: "Sagen har fået en ny koordinator, så mødet flyttes til den nye koordinators kalender. En ny indkaldelse følger." });
    const jonasEvents = stub.events.get('aad-jonas') ?? [];
    expect(jonasEvents).toHaveLength(1);
    const [moved] = jonasEvents;
    expect(moved).toMatchObject({ start: event.start, subject: event.subject });
    // Another create than the first (Graph would take the same transaction id for a retry of it).
    expect(moved!.transactionId).not.toBe(event.transactionId);
    expect(moved!.transactionId).toMatch(new RegExp(`^${meetingId}\\.`));
    // Mette is invited now; Jonas's calendar holds it.
    expect(attendeesOf(moved)).toEqual(['mette.madsen@kommune.dk', 'ole@skolen.dk']);
    expect((await deps.store.getCase('tenant-a', caseId))!.case.meetings[0]!.calendarEvent).toEqual({ eventId: moved!.id, mailboxAadObjectId: 'aad-jonas' });

    // The moved event is the one kept up to date from now on.
    await openNetworkMeeting(deps, { ...JONAS, teamsUserId: '29:jonas', serviceUrl: METTE.serviceUrl }, caseId, { date: '2026-12-02', time: '11:00' });
    await dispatcher.runOnce();
    expect(stub.events.get('aad-jonas')).toHaveLength(1);
    expect(stub.requests.at(-1)).toMatchObject({ method: 'PATCH', path: `/users/aad-jonas/events/${moved!.id}` });
    expect(mettesEvents()).toHaveLength(1);
  });

  it('tells the new coordinator once when Graph refuses their mailbox, and moves the event once it is allowed', async () => {
    let now = new Date('2026-11-23T09:00:00Z');
    const deps = { ...appDeps(), now: () => now, calendar: true };
    const { caseId, dispatcher, event } = await plannedWithEvent(deps);
    const lars = await addTeamMember(deps, METTE, caseId, { role: 'jobcentre', person: { kind: 'teams', aadObjectId: 'aad-lars', name: 'Lars Lund', teamsUserId: '29:lars' } });
    await dispatcher.runOnce();
    const larsId = lars.members.find((member) => member.person.kind === 'teams' && member.person.aadObjectId === 'aad-lars')!.id;
    stub.forbiddenMailboxes.add('aad-lars');

    await handOverCoordination(deps, METTE, caseId, larsId, 'caseworkerChildren');
    await dispatcher.runOnce();
    expect(event.isCancelled).toBe(true);
    const notices = (await deps.store.listOutbox('tenant-a', caseId)).filter((message) => message.kind === 'calendarRefused');
    expect(notices.map((message) => [message.to, message.about])).toEqual([[{ kind: 'user', aadObjectId: 'aad-lars', teamsUserId: '29:lars' }, expect.objectContaining({ reason: 'refused' })]]);
    expect((await deps.store.getCase('tenant-a', caseId))!.case.meetings[0]!.status).toBe('planned');

    // Allowed now: the next change of the invitees (Ole's consent withdrawn) makes the event in Lars's calendar.
    stub.forbiddenMailboxes.delete('aad-lars');
    stub.events.get('aad-mette')!.length = 0;
    now = new Date('2026-11-23T10:00:00Z');
    await withdrawCaseConsent(deps, { ...METTE, aadObjectId: 'aad-lars', name: 'Lars Lund', teamsUserId: '29:lars' }, caseId);
    await dispatcher.runOnce();
    expect(stub.events.get('aad-lars')).toHaveLength(1);
    expect((await deps.store.getCase('tenant-a', caseId))!.case.meetings[0]!.calendarEvent).toEqual({ eventId: stub.events.get('aad-lars')![0]!.id, mailboxAadObjectId: 'aad-lars' });
  });

  it('invites and uninvites as the team and consent change, and leaves the event alone when the invitees stay the same', async () => {
    const deps = { ...appDeps(), calendar: true };
    stub.users.set('aad-lars', 'lars.lund@kommune.dk');
    const { caseId, dispatcher, event } = await plannedWithEvent(deps);
    const calendarMessages = async () => (await deps.store.listOutbox('tenant-a', caseId)).filter((message) => message.kind === 'calendarEvent');

    const withLars = await addTeamMember(deps, METTE, caseId, { role: 'jobcentre', person: { kind: 'teams', aadObjectId: 'aad-lars', name: 'Lars Lund' } });
    await dispatcher.runOnce();
    expect(stub.requests.at(-1)).toMatchObject({ method: 'PATCH', path: `/users/aad-mette/events/${event.id}` });
    expect(attendeesOf(event)).toEqual(['jonas.jensen@kommune.dk', 'lars.lund@kommune.dk', 'ole@skolen.dk']);

    const jonasId = withLars.members.find((member) => member.person.kind === 'teams' && member.person.aadObjectId === 'aad-jonas')!.id;
    await removeTeamMember(deps, METTE, caseId, jonasId);
    await dispatcher.runOnce();
    expect(attendeesOf(event)).toEqual(['lars.lund@kommune.dk', 'ole@skolen.dk']);

    // Without consent, Ole's address is no longer given to the invitation.
    await withdrawCaseConsent(deps, METTE, caseId);
    await dispatcher.runOnce();
    expect(attendeesOf(event)).toEqual(['lars.lund@kommune.dk']);

    // An external member consent does not cover is not invited: nothing to put right.
    stub.requests.length = 0;
    await addTeamMember(deps, METTE, caseId, { role: 'other', otherRoleName: 'Træner', person: { kind: 'external', name: 'Kim Krogh', email: 'kim@klub.dk' } });
    expect(await calendarMessages()).toEqual([]);
    await dispatcher.runOnce();
    expect(stub.requests).toEqual([]);
  });
});

describe('without Graph (the embedded run)', () => {
  it('is not configured, and the meeting use cases write exactly the messages they wrote before: no calendar, no Graph call', async () => {
    expect(loadConfig({}).graph).toBeUndefined();
    const deps = appDeps();
    const caseId = await teamCase(deps);
    const planned = await planNetworkMeeting(deps, METTE, caseId, { date: '2026-12-01', time: '10:00' });
    await openNetworkMeeting(deps, METTE, caseId, { date: '2026-12-01', time: '10:00' });
    await cancelNetworkMeeting(deps, METTE, { caseId, meetingId: planned.meetings[0]!.id, reason: 'other', otherReason: 'x' });
    const written = kinds(await deps.store.listOutbox('tenant-a', caseId));
    expect(written.filter((kind) => kind.startsWith('calendar'))).toEqual([]);
    // With Graph on, the same changes write the same messages and the calendar's besides.
    const withGraph = { ...appDeps(), calendar: true };
    const otherCase = await teamCase(withGraph);
    const again = await planNetworkMeeting(withGraph, METTE, otherCase, { date: '2026-12-01', time: '10:00' });
    await openNetworkMeeting(withGraph, METTE, otherCase, { date: '2026-12-01', time: '10:00' });
    await cancelNetworkMeeting(withGraph, METTE, { caseId: otherCase, meetingId: again.meetings[0]!.id, reason: 'other', otherReason: 'x' });
    const withCalendar = kinds(await withGraph.store.listOutbox('tenant-a', otherCase));
    expect(withCalendar.filter((kind) => kind !== 'calendarEvent').sort()).toEqual([...written].sort());
    expect(withCalendar.filter((kind) => kind === 'calendarEvent')).toHaveLength(3);
    expect(stub.requests).toEqual([]);
  });

  it('writes no calendar message when the team or the coordinator changes, the case is closed or erased', async () => {
    const deps = appDeps();
    const caseId = await teamCase(deps);
    const planned = await planNetworkMeeting(deps, METTE, caseId, { date: '2026-12-01', time: '10:00' });
    const team = await addTeamMember(deps, METTE, caseId, { role: 'jobcentre', person: { kind: 'teams', aadObjectId: 'aad-lars', name: 'Lars Lund' } });
    await withdrawCaseConsent(deps, METTE, caseId);
    const jonasId = team.members.find((member) => member.person.kind === 'teams' && member.person.aadObjectId === 'aad-jonas')!.id;
    await handOverCoordination(deps, METTE, caseId, jonasId, 'caseworkerChildren');
    const jonas = { ...JONAS, teamsUserId: '29:jonas', serviceUrl: METTE.serviceUrl };
    await closeCaseNow(deps, jonas, caseId, planned.reference);
    expect(kinds(await deps.store.listOutbox('tenant-a', caseId)).filter((kind) => kind.startsWith('calendar'))).toEqual([]);
    await eraseCase(deps, jonas, caseId, planned.reference);
    expect(await deps.store.listOutbox('tenant-a', caseId)).toEqual([]);
    expect(stub.requests).toEqual([]);
  });
});
