// The team's own half-yearly status (seed 001: the team takes stock of its checklists every half
// year): the `teamstatus` command. Its card is a view of the case (`case.show` with `teamStatus`, and
// `period` from the card's choice of half-year), read by the team members with consent.
import { viewCommand } from './case';

export const teamStatusCommands = {
  // Suggested where the team meets (Teams allows ten commands a list; the 1:1 list is full).
  teamStatus: viewCommand('teamStatus', { da: ['teamstatus', 'halvårsstatus'], en: ['team status'] }, { manifestScopes: ['team', 'groupChat'] }),
};
