// `team`: only the coordinator changes the team; handing over the role is a recorded change.
import { meetingsAheadInCalendar } from '../domain/calendar';
import type { Case } from '../domain/case';
import { type AddMemberInput, type ChangeMemberInput, addMember, changeMember, handOverCoordinator, removeMember } from '../domain/team';
import type { OutboxMessage } from '../store/port';
import type { Actor, AppDeps } from './context';
import { type ActivityId, coordinatorChange } from './guardedChange';
import { calendarUpdates, caseCardUpdate, inviteeUpdates, outboxMessages } from './messages';

/** A change of the team (a use case's `apply`), with the calendar updates it causes when it changes who is invited. */
const withInviteeUpdates =
  (deps: AppDeps, actor: Actor, change: (current: Case, now: Date) => Case) =>
  (current: Case, now: Date): { changed: Case; outbox: OutboxMessage[] } => {
    const changed = change(current, now);
    return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, inviteeUpdates(deps, current, changed, now)) };
  };

export function addTeamMember(deps: AppDeps, actor: Actor, caseId: string, input: AddMemberInput, activityId?: ActivityId): Promise<Case> {
  const memberId = deps.newId();
  const action = input.person.kind === 'teams' ? 'team.addTeamsUser' : 'team.addExternal';
  return coordinatorChange(deps, actor, { caseId, action, apply: withInviteeUpdates(deps, actor, (current, now) => addMember(current, input, memberId, actor.aadObjectId, now)), activityId });
}

export function changeTeamMember(deps: AppDeps, actor: Actor, caseId: string, input: ChangeMemberInput, activityId?: ActivityId): Promise<Case> {
  return coordinatorChange(deps, actor, { caseId, action: 'team.change', apply: withInviteeUpdates(deps, actor, (current, now) => changeMember(current, input, actor.aadObjectId, now)), activityId });
}

export function removeTeamMember(deps: AppDeps, actor: Actor, caseId: string, memberId: string, activityId?: ActivityId): Promise<Case> {
  return coordinatorChange(deps, actor, { caseId, action: 'team.remove', apply: withInviteeUpdates(deps, actor, (current, now) => removeMember(current, memberId, actor.aadObjectId, now)), activityId });
}

export function handOverCoordination(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  toMemberId: string,
  previousCoordinatorRole: string | undefined,
  activityId?: ActivityId,
): Promise<Case> {
  return coordinatorChange(deps, actor, {
    caseId,
    action: 'team.handOver',
    apply: (current, now) => {
      const changed = handOverCoordinator(current, toMemberId, previousCoordinatorRole, actor.aadObjectId, now);
      // The base card in the thread names the coordinator; the events of the meetings ahead move to the
      // new coordinator's calendar (calendarSender.ts: cancelled in the old one, made in the new).
      const moved = calendarUpdates(deps, changed, meetingsAheadInCalendar(changed, now).map((meeting) => meeting.id));
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, [...caseCardUpdate(changed, actor.locale), ...moved]) };
    },
    activityId,
  });
}
