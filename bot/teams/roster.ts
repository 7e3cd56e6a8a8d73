// The people in the conversation, from Teams: whom the coordinator can add to the team.
import { type TurnContext, TeamsInfo } from 'botbuilder';
import type { RosterPerson } from '../../cards/teamCards';

export async function rosterOf(context: TurnContext): Promise<RosterPerson[]> {
  const people: RosterPerson[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(context, 500, continuationToken);
    for (const member of page.members) {
      if (member.aadObjectId) people.push({ aadObjectId: member.aadObjectId, name: member.name ?? member.aadObjectId, teamsUserId: member.id });
    }
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return people;
}
