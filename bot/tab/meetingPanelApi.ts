// The tab's API for a Teams meeting's side panel (tab/meeting.js): the case's meeting checklist and goals
// and agreements form, read and written by the person whose Teams token comes with the request. Every
// write goes through the same use case as the card's verb (meeting.answer, goal.add, goal.revise,
// goal.mark, agreement.add), so the same access rules, section windows, field rules (no CPR number in
// free text), audit and optimistic concurrency apply; the answer is the refreshed panel (meetingPanelView.ts).
// - `GET  /api/tab/cases/:caseId/meeting[?meeting=<id>]`: the panel;
// - `POST /api/tab/cases/:caseId/meetings/:meetingId/answers` `{ questionId, answer, seen }`: one answer;
// - `POST /api/tab/cases/:caseId/goals` `{ theme, longTermGoal, subGoals }`: a goal;
// - `POST /api/tab/cases/:caseId/goals/:goalId` `{ longTermGoal, subGoals }`: the goal revised (goal.revise);
// - `POST /api/tab/cases/:caseId/goals/:goalId/outcome` `{ reached: yes|no, reason }`: "Er målet nået?" (goal.mark);
// - `POST /api/tab/cases/:caseId/agreements` `{ goalId, action, ownerMemberId, followUpOn, followUpMethod, … }`: an agreement.
// A POST takes a JSON body of at most PANEL_BODY_BYTES; `requestId` (a UUID the page makes per save)
// lets a repeated request be applied once, as a redelivered Teams activity is.
import type { Request, Server } from 'restify';
import { z } from 'zod';
import { changedAnswers } from '../app/checklistAnswers';
import type { Actor, AppDeps } from '../app/context';
import { addCaseAgreement, addCaseGoal, markCaseGoal, reviseCaseGoal } from '../app/goalsForm';
import { changerView, readCase } from '../app/readCase';
import { answerMeetingChecklist } from '../app/runMeeting';
import type { Case } from '../domain/case';
import type { Messages } from '../i18n';
import type { Logger } from '../logger';
import { answerValue, id, optionalText } from '../teams/actions/data';
import { meetingPanel } from './meetingPanelView';
import type { Authenticated } from './tabApi';

/** One answer or one goal or agreement is small; the domain's own limits are far below this. */
export const PANEL_BODY_BYTES = 16 * 1024;

const requestId = z.string().uuid().optional();

const answerBody = z.object({ questionId: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/), answer: answerValue, seen: z.string().max(200), requestId }).strict();
const goalBody = z.object({ theme: optionalText, longTermGoal: optionalText, subGoals: optionalText, requestId }).strict();
const revisionBody = z.object({ longTermGoal: optionalText, subGoals: optionalText, requestId }).strict();
const outcomeBody = z.object({ reached: z.enum(['yes', 'no']), reason: optionalText, requestId }).strict();
const agreementBody = z
  .object({
    goalId: id,
    action: optionalText,
    ownerMemberId: optionalText,
    followUpOn: optionalText,
    followUpMethod: optionalText,
    followUpMethodOther: optionalText,
    needsVisitation: z.boolean().optional(),
    requestId,
  })
  .strict();

/** The body, parsed and checked; undefined (and the refusal answered) when it is too large or malformed. */
function bodyOf<Schema extends z.ZodType>(schema: Schema, req: Request, m: Messages, answer: (status: number, body: object) => void): z.output<Schema> | undefined {
  const raw = (req as Request & { rawBody?: string | Buffer }).rawBody ?? '';
  if (Buffer.byteLength(raw) > PANEL_BODY_BYTES) {
    answer(413, { error: 'tooLarge', message: m.tab.meeting.tooLarge });
    return undefined;
  }
  const parsed = req.is('json') ? schema.safeParse(req.body) : undefined;
  if (!parsed?.success) {
    answer(400, { error: 'badRequest', message: m.tab.meeting.badRequest });
    return undefined;
  }
  return parsed.data;
}

const param = (req: Request, name: string) => String(req.params?.[name] ?? '');
const meetingQuery = (req: Request) => new URL(req.url ?? '/', 'http://localhost').searchParams.get('meeting') ?? undefined;
const activityOf = (id: string | undefined) => (id ? `tab:${id}` : undefined);

/**
 * `teamsServiceUrl`: where the checklist's card in the channel is updated from (config's TEAMS_SERVICE_URL):
 * a write from the tab comes with no Teams activity to take one from.
 */
export function registerMeetingPanelApi(server: Server, deps: AppDeps, log: Logger, authenticated: Authenticated, teamsServiceUrl: string): void {
  /** The writer as the use cases know them: where the cards their change updates are reached, and in which language. */
  const writer = (actor: Actor, m: Messages): Actor => ({ ...actor, serviceUrl: teamsServiceUrl, locale: m.language });

  /** The panel after a change, for the one who made it (the change was authorized and audited). */
  const afterChange = (changed: Case, actor: Actor, m: Messages, meetingId: string | undefined, notice: string) => {
    const read = changerView(changed, actor);
    return read ? meetingPanel(read.case, read.viewer, m, { meetingId, notice }) : { notice };
  };

  server.get(
    '/api/tab/cases/:caseId/meeting',
    authenticated('tab.meeting', async (actor, m, answer, req) => {
      const meetingId = meetingQuery(req);
      const { case: current, viewer } = await readCase(deps, actor, param(req, 'caseId'), 'checklist', meetingId);
      log.info({ event: 'tab.meeting', outcome: 'ok' });
      answer(200, meetingPanel(current, viewer, m, { meetingId }));
    }),
  );

  server.post(
    '/api/tab/cases/:caseId/meetings/:meetingId/answers',
    authenticated('tab.answer', async (actor, m, answer, req) => {
      const body = bodyOf(answerBody, req, m, answer);
      if (!body) return;
      const meetingId = param(req, 'meetingId');
      const answers = changedAnswers({ [body.questionId]: body.answer }, { [body.questionId]: body.seen });
      const changed = await answerMeetingChecklist(deps, writer(actor, m), param(req, 'caseId'), meetingId, answers, activityOf(body.requestId));
      log.info({ event: 'tab.answer', outcome: 'ok', changed: Object.keys(answers).length });
      answer(200, afterChange(changed, actor, m, meetingId, m.cards.meeting.saved));
    }),
  );

  server.post(
    '/api/tab/cases/:caseId/goals',
    authenticated('tab.goal', async (actor, m, answer, req) => {
      const body = bodyOf(goalBody, req, m, answer);
      if (!body) return;
      const { requestId: request, ...input } = body;
      const changed = await addCaseGoal(deps, writer(actor, m), param(req, 'caseId'), input, activityOf(request));
      log.info({ event: 'tab.goal', outcome: 'ok' });
      answer(200, afterChange(changed, actor, m, meetingQuery(req), m.cards.goals.confirmations.goalAdded));
    }),
  );

  server.post(
    '/api/tab/cases/:caseId/goals/:goalId',
    authenticated('tab.goalRevision', async (actor, m, answer, req) => {
      const body = bodyOf(revisionBody, req, m, answer);
      if (!body) return;
      const { requestId: request, ...input } = body;
      const changed = await reviseCaseGoal(deps, writer(actor, m), param(req, 'caseId'), param(req, 'goalId'), input, activityOf(request));
      log.info({ event: 'tab.goalRevision', outcome: 'ok' });
      answer(200, afterChange(changed, actor, m, meetingQuery(req), m.cards.goals.confirmations.goalRevised));
    }),
  );

  server.post(
    '/api/tab/cases/:caseId/goals/:goalId/outcome',
    authenticated('tab.goalOutcome', async (actor, m, answer, req) => {
      const body = bodyOf(outcomeBody, req, m, answer);
      if (!body) return;
      const changed = await markCaseGoal(deps, writer(actor, m), {
        caseId: param(req, 'caseId'),
        goalId: param(req, 'goalId'),
        reached: body.reached === 'yes',
        reason: body.reason,
        activityId: activityOf(body.requestId),
      });
      log.info({ event: 'tab.goalOutcome', outcome: 'ok' });
      answer(200, afterChange(changed, actor, m, meetingQuery(req), m.cards.goals.confirmations.goalMarked));
    }),
  );

  server.post(
    '/api/tab/cases/:caseId/agreements',
    authenticated('tab.agreement', async (actor, m, answer, req) => {
      const body = bodyOf(agreementBody, req, m, answer);
      if (!body) return;
      const { requestId: request, goalId, ...input } = body;
      const changed = await addCaseAgreement(deps, writer(actor, m), param(req, 'caseId'), goalId, input, activityOf(request));
      log.info({ event: 'tab.agreement', outcome: 'ok' });
      answer(200, afterChange(changed, actor, m, meetingQuery(req), m.cards.goals.confirmations.agreementAdded));
    }),
  );
}
