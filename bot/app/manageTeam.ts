// `team`: only the coordinator changes the team; handing over the role is a recorded change.
import type { Case } from '../domain/case';
import { type AddMemberInput, type ChangeMemberInput, addMember, changeMember, handOverCoordinator, removeMember } from '../domain/team';
import type { Actor, AppDeps } from './context';
import { type ActivityId, coordinatorChange } from './guardedChange';
import { caseCardUpdate, outboxMessages } from './messages';

export function addTeamMember(deps: AppDeps, actor: Actor, caseId: string, input: AddMemberInput, activityId?: ActivityId): Promise<Case> {
  const memberId = deps.newId();
  const action = input.person.kind === 'teams' ? 'team.addTeamsUser' : 'team.addExternal';
  return coordinatorChange(deps, actor, { caseId, action, apply: (current, now) => addMember(current, input, memberId, actor.aadObjectId, now), activityId });
}

export function changeTeamMember(deps: AppDeps, actor: Actor, caseId: string, input: ChangeMemberInput, activityId?: ActivityId): Promise<Case> {
  return coordinatorChange(deps, actor, { caseId, action: 'team.change', apply: (current, now) => changeMember(current, input, actor.aadObjectId, now), activityId });
}

export function removeTeamMember(deps: AppDeps, actor: Actor, caseId: string, memberId: string, activityId?: ActivityId): Promise<Case> {
  return coordinatorChange(deps, actor, { caseId, action: 'team.remove', apply: (current, now) => removeMember(current, memberId, actor.aadObjectId, now), activityId });
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
      // The base card in the thread names the coordinator.
      return { changed, outbox: outboxMessages(deps, changed, actor.serviceUrl, now, caseCardUpdate(changed, actor.locale)) };
    },
    activityId,
  });
}
