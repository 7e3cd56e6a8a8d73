// The network map (netværkskort, seed 001): the coordinator puts people on it, moves them, takes them
// off and draws lines between them (app/networkMap.ts); `netværk` shows it to every team member with
// consent, with a one-time link to its picture.
import { z } from 'zod';
import { addMapPersonToTeamWithContact, changeNetworkMap } from '../../app/networkMap';
import { viewAfterChange, viewCommand } from './case';
import { optionalText, withCase } from './data';
import type { CommandDeclaration } from './turn';
import { verb } from './turn';

/** Chosen on the card, so absent until chosen: the domain refuses a missing one by name. The card's inputs have ids of their own in each of its forms (Adaptive Cards refuses one id twice). */
const onePerson = z.object({ ...withCase, personId: optionalText });
const twoPeople = z.object({ ...withCase, fromPersonId: optionalText, toPersonId: optionalText });

export const networkVerbs = [
  /** A team member (`memberId`) or someone typed (`name`); the card sends both inputs, a chosen member wins. */
  verb('network.add', z.object({ ...withCase, field: optionalText, closeness: optionalText, memberId: optionalText, name: optionalText, relation: optionalText }), async (turn, { caseId, field, closeness, memberId, name, relation }) => {
    const person = { field, closeness, ...(memberId ? { memberId } : { name }), relation };
    const changed = await changeNetworkMap(turn.deps, turn.actor, caseId, { kind: 'add', person }, turn.activityId);
    return viewAfterChange(turn, changed, 'network', turn.m.cards.network.added);
  }),
  verb('network.move', onePerson.extend({ moveField: optionalText, moveCloseness: optionalText }), async (turn, { caseId, personId, moveField, moveCloseness }) => {
    const changed = await changeNetworkMap(turn.deps, turn.actor, caseId, { kind: 'move', personId: personId ?? '', field: moveField, closeness: moveCloseness }, turn.activityId);
    return viewAfterChange(turn, changed, 'network', turn.m.cards.network.moved);
  }),
  verb('network.remove', onePerson, async (turn, { caseId, personId }) => {
    const changed = await changeNetworkMap(turn.deps, turn.actor, caseId, { kind: 'remove', personId: personId ?? '' }, turn.activityId);
    return viewAfterChange(turn, changed, 'network', turn.m.cards.network.removed);
  }),
  verb('network.link', twoPeople, async (turn, { caseId, fromPersonId, toPersonId }) => {
    const changed = await changeNetworkMap(turn.deps, turn.actor, caseId, { kind: 'link', between: [fromPersonId ?? '', toPersonId ?? ''] }, turn.activityId);
    return viewAfterChange(turn, changed, 'network', turn.m.cards.network.linked);
  }),
  verb('network.unlink', twoPeople, async (turn, { caseId, fromPersonId, toPersonId }) => {
    const changed = await changeNetworkMap(turn.deps, turn.actor, caseId, { kind: 'unlink', between: [fromPersonId ?? '', toPersonId ?? ''] }, turn.activityId);
    return viewAfterChange(turn, changed, 'network', turn.m.cards.network.unlinked);
  }),
  /** From the network overview: someone typed on the map joins the team as an external member with contact details. */
  verb(
    'network.toTeam',
    z.object({ ...withCase, personId: optionalText, role: optionalText, otherRoleName: optionalText, phone: optionalText, mainPhone: optionalText, email: optionalText, postalAddress: optionalText, supportOffer: optionalText }),
    async (turn, { caseId, personId, role, ...details }) => {
      const changed = await addMapPersonToTeamWithContact(turn.deps, turn.actor, caseId, personId ?? '', { ...details, role: role ?? '' }, turn.activityId);
      return viewAfterChange(turn, changed, 'networkOverview', turn.m.cards.networkOverview.addedToTeam);
    },
  ),
];

export const networkCommands = {
  /** Not in the manifest's command menus: Teams shows at most ten a scope, and those are taken. */
  network: viewCommand('network', { da: ['netværk', 'netværkskort'], en: ['network', 'network map'] }, { manifestScopes: [] }),
  networkOverview: viewCommand('networkOverview', { da: ['netværksoverblik'], en: ['network overview'] }, { manifestScopes: [] }),
} satisfies Record<string, CommandDeclaration>;
