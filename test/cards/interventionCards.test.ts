// The intervention overview's card and what the closing card says of it (seed 002: what happens while the
// young person waits for an intervention).
import { describe, expect, it } from 'vitest';
import { addIntervention, setInterventionStatus } from '../../bot/domain/interventions';
import { da } from '../../bot/i18n/da';
import { closeMeetingCard } from '../../cards/goalCards';
import { interventionsCard } from '../../cards/interventionCards';
import { NOW } from '../domain/fixtures';
import { asCoordinator, smallestCase } from '../support/sampleCards';
import { textsOf } from '../teams/actions/botTurns';

const by = 'aad-coordinator';
const withInterventions = () => {
  const current = smallestCase();
  const first = addIntervention(current, { what: 'Bostøtte', administration: 'Socialafdelingen', from: '2027-01-01' }, by, NOW);
  const second = addIntervention(first, { what: 'Mentor', administration: 'Jobcenter', from: '2026-12-01', status: 'active' }, by, NOW);
  return setInterventionStatus(addIntervention(second, { what: 'Psykolog', administration: 'Regionen', from: '2026-12-01', status: 'active' }, by, NOW), 'i3', 'paused', by, NOW);
};

describe('the interventions card', () => {
  it('groups the interventions by status, active first, then the planned ones the young person waits for, then the paused', () => {
    const texts = textsOf(interventionsCard(da, asCoordinator(withInterventions())));
    const { groups } = da.cards.interventions;
    const order = [groups.active, 'Mentor', groups.planned, 'Bostøtte', groups.paused, 'Psykolog'].map((text) => texts.indexOf(text));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(texts).toContain(da.cards.interventions.waiting);
  });
});

describe('the closing card', () => {
  it('names the interventions the young person waits for above the waiting-time question, and nothing when none is planned', () => {
    const current = withInterventions();
    const open = current.meetings.find((meeting) => meeting.status === 'open')!;
    expect(textsOf(closeMeetingCard(da, asCoordinator(current), open, NOW))).toContain(da.cards.goals.waitingFor('Bostøtte'));
    const none = smallestCase();
    expect(textsOf(closeMeetingCard(da, asCoordinator(none), open, NOW)).some((text) => text.startsWith(da.cards.goals.waitingFor('').slice(0, 20)))).toBe(false);
  });
});
