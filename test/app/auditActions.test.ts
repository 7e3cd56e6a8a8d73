// The audit speaks the protocol's language: a change is recorded under the card verb that asks for it.
import { describe, expect, it } from 'vitest';
import { VERB_ACTIONS } from '../../bot/app/auditActions';
import { CARD_ACTIONS } from '../../bot/teams/cardActions';

describe('audit action names', () => {
  it('are card verbs, for every change', () => {
    expect(VERB_ACTIONS.filter((action) => !Object.hasOwn(CARD_ACTIONS, action))).toEqual([]);
  });
});
