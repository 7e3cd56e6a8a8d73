// `netværk`: the coordinator fills in the network map with the young person (seed 001); every team
// member with consent sees it. Opening its picture is a read, and when the coordinator opens it, it is
// recorded as the map being used (the checklist's "Blev netværkskortet anvendt i forberedelse…?").
import type { Case } from '../domain/case';
import { isCoordinator } from '../domain/access';
import { type MapPersonInput, addMapPerson, linkMapPersons, moveMapPerson, recordMapShown, removeMapPerson, unlinkMapPersons } from '../domain/networkMap';
import type { Actor, ActorId, AppDeps } from './context';
import { type ActivityId, coordinatorChange } from './guardedChange';
import { type CaseRead, readCase } from './readCase';
import { type MapPersonToTeamInput, addMapPersonToTeam } from '../domain/team';

export type MapChange =
  | { kind: 'add'; person: MapPersonInput }
  | { kind: 'move'; personId: string; field?: string; closeness?: string }
  | { kind: 'remove'; personId: string }
  | { kind: 'link' | 'unlink'; between: [string, string] };

const ACTIONS = { add: 'network.add', move: 'network.move', remove: 'network.remove', link: 'network.link', unlink: 'network.unlink' } as const;

export function changeNetworkMap(deps: AppDeps, actor: Actor, caseId: string, change: MapChange, activityId?: ActivityId): Promise<Case> {
  const by = actor.aadObjectId;
  const apply = (current: Case, now: Date): Case => {
    switch (change.kind) {
      case 'add':
        return addMapPerson(current, change.person, by, now);
      case 'move':
        return moveMapPerson(current, change.personId, change, by, now);
      case 'remove':
        return removeMapPerson(current, change.personId, by, now);
      case 'link':
        return linkMapPersons(current, ...change.between, by, now);
      case 'unlink':
        return unlinkMapPersons(current, ...change.between, by, now);
    }
  };
  return coordinatorChange(deps, actor, { caseId, action: ACTIONS[change.kind], apply, activityId });
}

/** The network overview's contact details for someone typed on the map: they join the team as an external member. */
export function addMapPersonToTeamWithContact(deps: AppDeps, actor: Actor, caseId: string, personId: string, input: MapPersonToTeamInput, activityId?: ActivityId): Promise<Case> {
  const memberId = deps.newId();
  return coordinatorChange(deps, actor, { caseId, action: 'network.toTeam', apply: (current, now) => addMapPersonToTeam(current, personId, input, memberId, actor.aadObjectId, now), activityId });
}

/** The case for the map's picture, read (and audited) for a team member with consent; the coordinator's opening is recorded. */
export async function readNetworkPicture(deps: AppDeps, actor: ActorId, caseId: string): Promise<CaseRead> {
  const read = await readCase(deps, actor, caseId, 'networkPicture');
  if (!isCoordinator(read.viewer)) return read;
  const shown = await coordinatorChange(deps, actor, { caseId, action: 'network.shown', apply: (current, now) => recordMapShown(current, actor.aadObjectId, now) });
  return { ...read, case: shown };
}
