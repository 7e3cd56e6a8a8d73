// cards/ declares the views it takes (cards/views.ts); the use cases' types must stay the same shapes.
// These are checked by tsc (`npm test` builds first): a view added on one side only does not compile.
import { describe, expectTypeOf, it } from 'vitest';
import type { CaseView } from '../../bot/app/readCase';
import type { DetailView } from '../../cards/views';

describe('the detail views the cards offer', () => {
  it('are the views a team member can read', () => {
    expectTypeOf<DetailView>().toEqualTypeOf<CaseView>();
  });
});
