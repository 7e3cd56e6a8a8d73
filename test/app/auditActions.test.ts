// The audit speaks the protocol's language: a change is recorded under the card verb that asks for it.
import { describe, expect, it } from 'vitest';
import { VERB_ACTIONS } from '../../bot/app/auditActions';
import { VERBS } from '../../bot/teams/actions/registry';

describe('audit action names', () => {
  it('are card verbs, for every change', () => {
    const registered = new Set(VERBS.map((declaration) => declaration.verb));
    expect(VERB_ACTIONS.filter((action) => !registered.has(action))).toEqual([]);
  });
});
