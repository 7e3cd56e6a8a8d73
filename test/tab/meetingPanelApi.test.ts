// The meeting side panel's API over HTTP against the bot's real server: the case's checklist and goals
// form read and written through the card verbs' use cases, with their refusals (not on the team, not the
// writer, a section not open yet, the roles by the coordinator, a CPR number), each in the person's
// language, access refusals audited as denied and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerFingerprint } from '../../cards/fingerprint';
import { openNetworkMeeting, answerMeetingChecklist } from '../../bot/app/runMeeting';
import { memberByAadObjectId } from '../../bot/domain/case';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import type { MeetingPanel } from '../../bot/tab/meetingPanelView';
import { PANEL_BODY_BYTES } from '../../bot/tab/meetingPanelApi';
import { EMIL, JONAS, LISE, METTE, TENANT, type TabScene, buildScene } from './tabScene';
import { startTabServer, type TabServer } from './tabServer';

let tab: TabServer;
let scene: TabScene;
let jonasId: string;

beforeAll(async () => {
  tab = await startTabServer();
  scene = await buildScene(tab);
  const current = await tab.store.getCase(TENANT, scene.emil.caseId);
  jonasId = memberByAadObjectId(current!.case, JONAS.aadObjectId)!.id;
});
afterAll(() => tab.close());

type Answer = { status: number; json: MeetingPanel & { error?: string; message?: string } };

async function call(method: 'GET' | 'POST', path: string, as: typeof METTE, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${tab.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${await tab.tokenFor(as)}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

const panel = (as: typeof METTE, caseId = scene.emil.caseId, query = '') => call('GET', `/api/tab/cases/${caseId}/meeting${query}`, as);
const answerAs = (as: typeof METTE, meetingId: string, questionId: string, answer: string, seen = answerFingerprint(''), query = '') =>
  call('POST', `/api/tab/cases/${scene.emil.caseId}/meetings/${meetingId}/answers${query}`, as, { questionId, answer, seen });

const storedCase = async () => (await tab.store.getCase(TENANT, scene.emil.caseId))!.case;
const audit = async (action: string, actor: typeof METTE, outcome: 'ok' | 'denied') =>
  (await tab.store.listAudit(TENANT, scene.emil.caseId)).filter((record) => record.action === action && record.actorAadObjectId === actor.aadObjectId && record.outcome === outcome);

/** A question of the panel's checklist, with what its input showed. */
function questionOf(view: MeetingPanel, questionId: string) {
  for (const section of view.meeting?.sections ?? []) {
    const question = [...section.questions, ...section.answers].find((candidate) => candidate.id === questionId);
    if (question) return { ...question, editable: section.questions.includes(question), seen: section.seen[questionId] };
  }
  return undefined;
}

describe('the meeting side panel, before the meeting', () => {
  it('shows the next planned meeting: its checklist with the answers so far, and the goals form read-only for a member', async () => {
    const { status, json } = await panel(JONAS);
    expect(status).toBe(200);
    expect(json.meeting?.title).toBe(da.cards.meeting.title(scene.emil.reference, undefined));
    expect(json.youngPersonName).toBe(EMIL.name);
    // The leader agreed beforehand is shown, answered by the coordinator; the roles are hers to answer.
    expect(questionOf(json, 'roleLeader')).toEqual(expect.objectContaining({ display: METTE.name, editable: false }));
    // Preparation is answerable before the meeting, the VIP only while it is open.
    expect(questionOf(json, 'prepPreMeeting')?.editable).toBe(true);
    expect(questionOf(json, 'vipAttached')?.editable).toBe(false);
    expect(json.goals.canWrite).toBe(false);
    expect(json.goals.readOnlyNote).toBe(da.cards.goals.readOnly);
    expect(json.goals.themes.flatMap((theme) => theme.goals.map((goal) => goal.longTermGoal))).toEqual(['Emil starter på en uddannelse']);
    expect(await audit('checklist.read', JONAS, 'ok')).toHaveLength(1);
  });

  it('refuses someone not on the team, in their language, and audits it', async () => {
    const danish = await panel(LISE);
    expect(danish.status).toBe(403);
    expect(danish.json).toEqual({ error: 'notTeamMember', message: da.errors.notTeamMember({}) });
    expect(JSON.stringify(danish.json)).not.toContain(EMIL.name);
    const english = await call('GET', `/api/tab/cases/${scene.emil.caseId}/meeting?locale=en-GB`, LISE);
    expect(english.json.message).toBe(en.errors.notTeamMember({}));
    const meetingId = (await storedCase()).meetings[0]!.id;
    const write = await answerAs(LISE, meetingId, 'prepPreMeeting', 'yes');
    expect(write.status).toBe(403);
    expect(await audit('checklist.read', LISE, 'denied')).toHaveLength(2);
    expect(await audit('meeting.answer', LISE, 'denied')).toHaveLength(1);
    expect((await storedCase()).meetings[0]!.answers.prepPreMeeting).toBeUndefined();
  });

  it("refuses a member without consent the young person's meeting", async () => {
    const { status, json } = await panel(JONAS, scene.sofie.caseId);
    expect(status).toBe(403);
    expect(json.error).toBe('noValidConsent');
  });

  it('answers a preparation question now, and refuses a section that opens with the meeting', async () => {
    const meetingId = (await storedCase()).meetings[0]!.id;
    const saved = await answerAs(JONAS, meetingId, 'prepPreMeeting', 'yes');
    expect(saved.status).toBe(200);
    expect(saved.json.notice).toBe(da.cards.meeting.saved);
    expect(questionOf(saved.json, 'prepPreMeeting')).toEqual(expect.objectContaining({ value: 'yes', seen: answerFingerprint('yes') }));
    expect((await storedCase()).meetings[0]!.answers.prepPreMeeting).toBe('yes');
    expect(await audit('meeting.answer', JONAS, 'ok')).toHaveLength(1);

    const early = await answerAs(JONAS, meetingId, 'vipAttached', 'no');
    expect(early.status).toBe(409);
    expect(early.json.error).toBe('sectionNotAnswerableNow');
    expect(early.json.message).toContain(da.checklist.sections.vip);
    expect((await storedCase()).meetings[0]!.answers.vipAttached).toBeUndefined();
  });

  it("refuses a member who is not the meeting's writer the goals form, and audits it", async () => {
    const { status, json } = await call('POST', `/api/tab/cases/${scene.emil.caseId}/goals`, JONAS, { theme: 'work', longTermGoal: 'Emil får et fritidsjob' });
    expect(status).toBe(403);
    expect(json).toEqual({ error: 'notWriter', message: da.errors.notWriter({}) });
    expect(await audit('goal.add', JONAS, 'denied')).toHaveLength(1);
    expect((await storedCase()).goals).toHaveLength(1);
  });
});

describe('the meeting side panel, while the meeting is open with Jonas as its writer', () => {
  let meetingId: string;
  beforeAll(async () => {
    const opened = await openNetworkMeeting(tab.deps, METTE, scene.emil.caseId, { date: '2026-11-23', time: '10:00' });
    meetingId = opened.meetings[0]!.id;
    await answerMeetingChecklist(tab.deps, METTE, scene.emil.caseId, meetingId, { roleWriter: jonasId });
  });

  it('lets the writer answer the meeting as it runs, only what they changed counting', async () => {
    const before = await panel(JONAS);
    expect(before.json.meeting?.id).toBe(meetingId);
    const question = questionOf(before.json, 'vipAttached');
    expect(question?.editable).toBe(true);
    const saved = await answerAs(JONAS, meetingId, 'vipAttached', 'no', question?.seen);
    expect(saved.status).toBe(200);
    expect(questionOf(saved.json, 'vipAttached')?.value).toBe('no');
    // Someone else's later answer is not undone by a page that still shows the old one unchanged.
    await answerMeetingChecklist(tab.deps, METTE, scene.emil.caseId, meetingId, { vipAttached: 'yes' });
    const stale = await answerAs(JONAS, meetingId, 'vipAttached', 'no', answerFingerprint('no'));
    expect(stale.status).toBe(200);
    expect((await storedCase()).meetings[0]!.answers.vipAttached).toBe('yes');
  });

  it('refuses the writer the roles, which are the coordinator’s, and audits it', async () => {
    const { status, json } = await answerAs(JONAS, meetingId, 'roleInterviewer', jonasId);
    expect(status).toBe(403);
    expect(json.message).toBe(da.errors.meetingRolesByCoordinator({}));
    expect(await audit('meeting.answer', JONAS, 'denied')).toHaveLength(1);
  });

  it('refuses a CPR number in free text, as the cards do, and saves nothing', async () => {
    const { status, json } = await answerAs(JONAS, meetingId, 'otherName_1', 'Kim, 010203-1234');
    expect(status).toBe(400);
    expect(json.error).toBe('cprNotAllowed');
    expect(json.message).toContain('CPR');
    expect((await storedCase()).meetings[0]!.answers.otherName_1).toBeUndefined();
    const goal = await call('POST', `/api/tab/cases/${scene.emil.caseId}/goals?locale=en`, JONAS, { theme: 'work', longTermGoal: 'Emil 010203-1234' });
    expect(goal.status).toBe(400);
    expect(goal.json.message).toContain('CPR');
    expect((await storedCase()).goals).toHaveLength(1);
  });

  it('lets the writer write a goal and an agreement in the form, once each for a repeated request', async () => {
    const requestId = '6f1c2d4e-8a9b-4c3d-9e8f-1a2b3c4d5e6f';
    const body = { theme: 'work', longTermGoal: 'Emil får et fritidsjob', subGoals: 'Skrive en ansøgning', requestId };
    const goal = await call('POST', `/api/tab/cases/${scene.emil.caseId}/goals`, JONAS, body);
    expect(goal.status).toBe(200);
    expect(goal.json.notice).toBe(da.cards.goals.confirmations.goalAdded);
    expect(goal.json.goals.canWrite).toBe(true);
    expect((await call('POST', `/api/tab/cases/${scene.emil.caseId}/goals`, JONAS, body)).status).toBe(200);
    const goals = (await storedCase()).goals;
    expect(goals).toHaveLength(2);
    const goalId = goals.find((candidate) => candidate.theme === 'work')!.id;
    // Made at the meeting: the goal belongs to it.
    expect(goals.find((candidate) => candidate.id === goalId)?.versions[0]?.meetingId).toBe(meetingId);

    const agreement = await call('POST', `/api/tab/cases/${scene.emil.caseId}/agreements`, JONAS, {
      goalId,
      action: 'Jonas hjælper med ansøgningen',
      ownerMemberId: jonasId,
      followUpOn: '2026-12-07',
      followUpMethod: 'phone',
    });
    expect(agreement.status).toBe(200);
    const work = agreement.json.goals.themes.find((theme) => theme.goals.some((candidate) => candidate.id === goalId));
    expect(work?.goals[0]?.agreements.map((item) => item.action)).toEqual(['Jonas hjælper med ansøgningen']);
    expect(await audit('agreement.add', JONAS, 'ok')).toHaveLength(1);
  });

  it("lets the writer revise a goal and say whether it is reached, the goal's earlier wording kept", async () => {
    const goalId = (await storedCase()).goals.find((goal) => goal.theme === 'education')!.id;
    const revised = await call('POST', `/api/tab/cases/${scene.emil.caseId}/goals/${goalId}`, JONAS, { longTermGoal: 'Emil starter på produktionsskolen', subGoals: 'Besøge skolen' });
    expect(revised.status).toBe(200);
    expect(revised.json.notice).toBe(da.cards.goals.confirmations.goalRevised);
    const marked = await call('POST', `/api/tab/cases/${scene.emil.caseId}/goals/${goalId}/outcome`, JONAS, { reached: 'no', reason: 'Skolen har venteliste' });
    expect(marked.status).toBe(200);
    expect(marked.json.notice).toBe(da.cards.goals.confirmations.goalMarked);
    const goal = (await storedCase()).goals.find((candidate) => candidate.id === goalId)!;
    expect(goal.versions.map((version) => version.longTermGoal)).toEqual(['Emil starter på en uddannelse', 'Emil starter på produktionsskolen']);
    expect(goal.outcomes.at(-1)).toEqual(expect.objectContaining({ reached: false, reason: 'Skolen har venteliste', meetingId }));
    expect(await audit('goal.revise', JONAS, 'ok')).toHaveLength(1);
    expect(await audit('goal.mark', JONAS, 'ok')).toHaveLength(1);
    // Without a reason, the form's own rule refuses it.
    const bare = await call('POST', `/api/tab/cases/${scene.emil.caseId}/goals/${goalId}/outcome`, JONAS, { reached: 'yes' });
    expect(bare.status).toBe(400);
    expect(bare.json.error).toBe('fieldRequired');
  });

  it('refuses a body that is too large, malformed or carries unknown fields', async () => {
    const path = `/api/tab/cases/${scene.emil.caseId}/meetings/${meetingId}/answers`;
    const large = await call('POST', path, JONAS, { questionId: 'otherName_1', answer: 'x'.repeat(PANEL_BODY_BYTES), seen: '' });
    expect(large.status).toBe(413);
    expect(large.json.message).toBe(da.tab.meeting.tooLarge);
    expect((await call('POST', path, JONAS, { questionId: 'otherName_1', answer: 'Kim', seen: '', extra: true })).status).toBe(400);
    const broken = await call('POST', path, JONAS, { questionId: 'otherName_1' });
    expect(broken).toEqual({ status: 400, json: { error: 'badRequest', message: da.tab.meeting.badRequest } });
    expect((await storedCase()).meetings[0]!.answers.otherName_1).toBeUndefined();
  });

  it('gives nothing without a valid token', async () => {
    const response = await fetch(`${tab.url}/api/tab/cases/${scene.emil.caseId}/meetings/${meetingId}/answers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ questionId: 'vipAttached', answer: 'no', seen: '' }),
    });
    expect(response.status).toBe(401);
  });
});
