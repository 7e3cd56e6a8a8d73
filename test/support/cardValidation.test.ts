import { describe, expect, it } from 'vitest';
import { CARD_BUDGET_BYTES } from '../../cards/budget';
import { validateAdaptiveCard } from './cardValidation';

type Card = Record<string, any>;

/** A card using the features ours use: nesting, inputs, Universal Actions, ShowCard, refresh. */
function goodCard(): Card {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    refresh: {
      action: { type: 'Action.Execute', verb: 'case.show', data: { v: 1, caseId: 'case-1' } },
      userIds: ['29:user-a', '29:user-b'],
    },
    body: [
      { type: 'TextBlock', text: 'Netværksmøde 2', size: 'Large', weight: 'Bolder', wrap: true },
      {
        type: 'Container',
        items: [
          {
            type: 'ColumnSet',
            columns: [
              { type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: 'UU-vejleder' }] },
              {
                type: 'Column',
                width: 'stretch',
                items: [{ type: 'Input.Toggle', id: 'attended', label: 'Deltog', title: 'Ja' }],
              },
            ],
          },
        ],
      },
      {
        type: 'ActionSet',
        actions: [
          {
            type: 'Action.ShowCard',
            title: 'Aflys',
            card: {
              type: 'AdaptiveCard',
              body: [
                {
                  type: 'Input.ChoiceSet',
                  id: 'reason',
                  label: 'Årsag',
                  choices: [{ title: 'Den unge er syg', value: 'sick' }],
                },
              ],
              actions: [
                { type: 'Action.Execute', title: 'Aflys mødet', verb: 'meeting.cancel', data: { v: 1, caseId: 'case-1' } },
              ],
            },
          },
        ],
      },
    ],
    actions: [{ type: 'Action.Execute', title: 'Gem', verb: 'meeting.save', data: { v: 1, caseId: 'case-1' } }],
  };
}

/** The problems of a good card after one change, which must name what went wrong. */
function problemsAfter(change: (card: Card) => void, options?: Parameters<typeof validateAdaptiveCard>[1]): string[] {
  const card = goodCard();
  change(card);
  return validateAdaptiveCard(card, options);
}

describe('validateAdaptiveCard', () => {
  it('accepts a good 1.5 card', () => {
    expect(validateAdaptiveCard(goodCard())).toEqual([]);
  });

  it('runs in Node without a DOM', () => {
    expect((globalThis as { document?: unknown }).document).toBeUndefined();
  });

  it('rejects something that is not a card object', () => {
    expect(validateAdaptiveCard([])).toEqual(['card: must be a JSON object']);
  });

  it('rejects a type other than AdaptiveCard', () => {
    expect(problemsAfter((card) => (card.type = 'MessageCard'))).toEqual([
      'type: must be "AdaptiveCard", found "MessageCard"',
    ]);
  });

  it('reports an unknown element type', () => {
    const problems = problemsAfter((card) => card.body.push({ type: 'Textblock', text: 'x' }));
    expect(problems).toEqual([expect.stringContaining('Unknown element type "Textblock"')]);
  });

  it('reports an unknown action type', () => {
    const problems = problemsAfter((card) => card.actions.push({ type: 'Action.Run', title: 'x' }));
    expect(problems).toEqual([expect.stringContaining('Unknown action type "Action.Run"')]);
  });

  it('reports a bad enum value, also inside a ShowCard card', () => {
    const problems = problemsAfter((card) => {
      card.body[2].actions[0].card.body.push({ type: 'TextBlock', text: 'x', size: 'huge' });
    });
    expect(problems).toEqual([expect.stringContaining('Invalid value "huge" for property "size"')]);
  });

  it('reports a duplicate id', () => {
    const problems = problemsAfter((card) => {
      card.body.push({ type: 'Input.Text', id: 'attended', label: 'Note' });
    });
    expect(problems).toEqual([expect.stringContaining('Duplicate Id "attended"')]);
  });

  it('reports an input without id', () => {
    const problems = problemsAfter((card) => card.body.push({ type: 'Input.Text', label: 'Note' }));
    expect(problems).toEqual([expect.stringContaining('All inputs must have a unique Id')]);
  });

  it('reports an input without label, nested in columns', () => {
    const problems = problemsAfter((card) => delete card.body[1].items[0].columns[1].items[0].label);
    expect(problems).toEqual(['body[1].items[0].columns[1].items[0]: Input.Toggle has no label']);
  });

  it('rejects version 1.6 and a missing version', () => {
    expect(problemsAfter((card) => (card.version = '1.6'))).toEqual(['version: must be "1.5", found "1.6"']);
    expect(problemsAfter((card) => delete card.version)).toEqual(['version: is missing; Teams needs "1.5"']);
  });

  it('rejects a card with a leftover template expression', () => {
    const problems = problemsAfter((card) => (card.body[0].text = 'Møde med ${name}'));
    expect(problems).toEqual(['body[0].text: unresolved template expression "${name}"']);
  });

  it('rejects a leftover template expression in action data', () => {
    const problems = problemsAfter((card) => (card.actions[0].data.memberId = '${member.id}'));
    expect(problems).toEqual(['actions[0].data.memberId: unresolved template expression "${member.id}"']);
  });

  it('rejects a leftover template keyword', () => {
    const problems = problemsAfter((card) => (card.body[0].$when = true));
    expect(problems).toEqual(['body[0].$when: template keyword left in the card']);
  });

  it('rejects a card over 28 KB', () => {
    const problems = problemsAfter((card) => {
      card.body.push({ type: 'TextBlock', text: 'x'.repeat(29 * 1024), wrap: true });
    });
    expect(problems).toEqual([expect.stringContaining(`over the size limit of ${CARD_BUDGET_BYTES} bytes`)]);
  });

  it('measures the size in UTF-8 bytes', () => {
    // 15 000 "ø" are 30 000 bytes in UTF-8, though only 15 000 characters.
    const problems = problemsAfter((card) => card.body.push({ type: 'TextBlock', text: 'ø'.repeat(15_000) }));
    expect(problems).toEqual([expect.stringContaining('over the size limit')]);
  });

  it('requires a verb and a numeric card version v on Action.Execute', () => {
    expect(problemsAfter((card) => delete card.actions[0].data.v)).toEqual([
      'actions[0].data.v: must be the card version as a positive integer, found undefined',
    ]);
    expect(problemsAfter((card) => (card.actions[0].data.v = '1'))).toEqual([
      'actions[0].data.v: must be the card version as a positive integer, found "1"',
    ]);
    expect(problemsAfter((card) => delete card.actions[0].verb)).toEqual(['actions[0]: Action.Execute has no verb']);
    expect(problemsAfter((card) => delete card.actions[0].data)).toEqual(['actions[0]: Action.Execute has no data object']);
  });

  it('requires a caseId on Action.Execute, unless its verb is allowed without one', () => {
    const withoutCaseId = (card: Card) => {
      card.actions[0] = { type: 'Action.Execute', title: 'Opret', verb: 'case.create', data: { v: 1 } };
    };
    expect(problemsAfter(withoutCaseId)).toEqual(['actions[0].data.caseId: is missing for verb "case.create"']);
    expect(problemsAfter(withoutCaseId, { verbsWithoutCaseId: ['case.create'] })).toEqual([]);
  });

  it('checks Action.Execute inside a ShowCard card', () => {
    const problems = problemsAfter((card) => delete card.body[2].actions[0].card.actions[0].data.caseId);
    expect(problems).toEqual([
      'body[2].actions[0].card.actions[0].data.caseId: is missing for verb "meeting.cancel"',
    ]);
  });

  it('rejects Action.Submit, also as a select action', () => {
    expect(problemsAfter((card) => (card.actions[0] = { type: 'Action.Submit', title: 'Gem' }))).toEqual([
      'actions[0]: Action.Submit is not allowed; use Action.Execute (Universal Actions)',
    ]);
    const problems = problemsAfter((card) => (card.body[1].selectAction = { type: 'Action.Submit' }));
    expect(problems).toContain('body[1].selectAction: Action.Submit is not allowed; use Action.Execute (Universal Actions)');
  });

  it('rejects a refresh for more than 60 users', () => {
    const problems = problemsAfter((card) => {
      card.refresh.userIds = Array.from({ length: 61 }, (_, index) => `29:user-${index}`);
    });
    expect(problems).toEqual(['refresh.userIds: has 61 entries; Teams refreshes for at most 60']);
  });

  it('rejects a refresh without userIds or without an Action.Execute', () => {
    expect(problemsAfter((card) => delete card.refresh.userIds)).toEqual([
      'refresh.userIds: must be a list of user ids',
    ]);
    const problems = problemsAfter((card) => (card.refresh.action = { type: 'Action.Submit' }));
    expect(problems).toContain('refresh.action: must be an Action.Execute');
  });

  it("accepts Teams' chart elements with a fallback and data points of their shape", () => {
    const fallback = { type: 'TextBlock', text: 'Held 12, cancelled 3', wrap: true };
    const problems = problemsAfter((card) =>
      card.body.push(
        { type: 'Chart.Donut', title: 'Meetings', data: [{ legend: 'Held', value: 12 }, { legend: 'Cancelled', value: 3 }], fallback },
        { type: 'Chart.HorizontalBar', title: 'Checklist', data: [{ x: 'VIP', y: 62.5 }], fallback },
        { type: 'Chart.VerticalBar.Grouped', title: 'Status', data: [{ legend: 'Now', values: [{ x: 'Education', y: 40 }] }], fallback },
      ),
    );
    expect(problems).toEqual([]);
    // A chart inside a container with a fallback falls back with its container (the chart and its table button alike).
    const line = { type: 'Chart.Line', data: [{ legend: 'WHO-5', values: [{ x: '2027-01-01', y: 60 }] }] };
    expect(problemsAfter((card) => card.body.push({ type: 'Container', items: [{ type: 'Container', items: [line] }], fallback }))).toEqual([]);
  });

  it('rejects a chart without a fallback, without data, or with a point of the wrong shape', () => {
    expect(problemsAfter((card) => card.body.push({ type: 'Chart.Donut', data: [{ legend: 'Held', value: 12 }] }))).toEqual([
      expect.stringContaining('Chart.Donut has no fallback element'),
    ]);
    expect(problemsAfter((card) => card.body.push({ type: 'Container', items: [{ type: 'Chart.Donut', data: [{ legend: 'Held', value: 12 }] }] }))).toEqual([
      expect.stringContaining('Chart.Donut has no fallback element'),
    ]);
    const fallback = { type: 'TextBlock', text: 'x' };
    expect(problemsAfter((card) => card.body.push({ type: 'Chart.HorizontalBar', data: [], fallback }))).toEqual([expect.stringContaining('Chart.HorizontalBar has no data')]);
    expect(problemsAfter((card) => card.body.push({ type: 'Chart.HorizontalBar', data: [{ x: 'VIP', y: '–' }], fallback }))).toEqual([
      expect.stringContaining('is not a data point of Chart.HorizontalBar'),
    ]);
  });
});
