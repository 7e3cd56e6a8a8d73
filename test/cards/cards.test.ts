import { describe, expect, it } from 'vitest';
import { baseCard, overviewCard } from '../../cards/caseCards';
import { consentCard } from '../../cards/consentCard';
import { renderCard } from '../../cards/render';
import { checklistCard } from '../../cards/meetingCards';
import { teamCard } from '../../cards/teamCards';
import { answerChecklist } from '../../bot/domain/meeting';
import { CARD_VERSION } from '../../cards/version';
import { MAX_TEAM_SIZE } from '../../bot/domain/team';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { CARD_ACTIONS } from '../../bot/teams/cardActions';
import { validateAdaptiveCard } from '../support/cardValidation';
import { COORDINATOR, NOW } from '../domain/fixtures';
import { asCoordinator, everyCard, fullTeam, withMeetings } from '../support/sampleCards';

function actionsOf(card: unknown): Array<{ verb: string; data: Record<string, unknown> }> {
  const found: Array<{ verb: string; data: Record<string, unknown> }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute') found.push({ verb: String(record.verb), data: record.data as Record<string, unknown> });
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
}

describe.each([
  ['Danish', da],
  ['English', en],
])('every card in %s', (_language, m) => {
  const cards = everyCard(m, fullTeam());

  it.each(Object.keys(cards))('%s is a valid Teams card (1.5, Universal Actions, under 80 KB, no leftovers)', (name) => {
    expect(validateAdaptiveCard(cards[name], { verbsWithoutCaseId: ['case.create'] })).toEqual([]);
  });

  it('uses only verbs the bot understands, with the current card version', () => {
    const actions = Object.values(cards).flatMap(actionsOf);
    expect(actions.length).toBeGreaterThan(10);
    for (const action of actions) {
      expect(Object.keys(CARD_ACTIONS)).toContain(action.verb);
      expect(action.data.v).toBe(CARD_VERSION);
    }
  });
});

describe('cards the whole channel sees', () => {
  it('carry no personal data: no name, birth date, phone or e-mail of the young person or the team', () => {
    const current = fullTeam();
    for (const m of [da, en]) {
      for (const view of ['overview', 'team', 'consent'] as const) {
        const text = JSON.stringify(baseCard(m, current, view));
        for (const personal of ['Emil', 'Hansen', '2008-03-14', '12 34 56 78', 'emil@example.dk', 'Jonas', 'Karen', 'Ole', 'Mette']) {
          expect(text).not.toContain(personal);
        }
        expect(text).toContain(current.reference);
      }
    }
  });

  it('ask Teams for user-specific views for the team members, at most 60', () => {
    const card = baseCard(da, fullTeam(MAX_TEAM_SIZE - 5), 'overview') as unknown as { refresh: { userIds: string[] } };
    expect(card.refresh.userIds.length).toBeLessThanOrEqual(60);
    expect(card.refresh.userIds).toHaveLength(MAX_TEAM_SIZE - 3); // the external VIP, Ole and the young person are not Teams users
    expect(card.refresh.userIds).toContain(COORDINATOR.teamsUserId);
    // Teams matches user-specific views by its own user ids (29:…), not by Entra object ids.
    expect(baseCard(da, fullTeam(), 'overview')).toMatchObject({ refresh: { userIds: [COORDINATOR.teamsUserId, '29:jonas'] } });
  });
});

describe('the detail cards', () => {
  it('show the young person to a reader, and the edit actions only to the coordinator', () => {
    const current = fullTeam();
    const overview = JSON.stringify(overviewCard(da, asCoordinator(current), NOW));
    expect(overview).toContain('Emil Hansen');
    expect(overview).toContain('Gyldigt til 2027-11-20');
    const forMember = teamCard(da, { case: current, viewer: current.members[2]! }, []);
    expect(actionsOf(forMember).map((action) => action.verb)).toEqual([]);
    const forCoordinator = actionsOf(teamCard(da, asCoordinator(current), [{ aadObjectId: 'aad-sara', name: 'Sara', teamsUserId: '29:sara' }])).map((action) => action.verb);
    expect(forCoordinator).toEqual(expect.arrayContaining(['team.edit', 'team.addTeamsUser', 'team.addExternal', 'team.handOver']));
  });

  it('keep the largest team, with the longest texts, under the 80 KB limit', () => {
    const largest = fullTeam(MAX_TEAM_SIZE - 5);
    expect(largest.members).toHaveLength(MAX_TEAM_SIZE);
    for (const m of [da, en]) {
      expect(validateAdaptiveCard(teamCard(m, asCoordinator(largest), []))).toEqual([]);
      expect(validateAdaptiveCard(overviewCard(m, asCoordinator(largest), NOW))).toEqual([]);
      expect(validateAdaptiveCard(consentCard(m, asCoordinator(largest), NOW))).toEqual([]);
      const meetings = withMeetings(largest);
      const everyoneAnswered = answerChecklist(
        meetings,
        'meeting-1',
        Object.fromEntries(largest.members.flatMap((member) => [[`attended_${member.id}`, 'no'], [`absenceReason_${member.id}`, 'x'.repeat(200)]])),
        COORDINATOR.aadObjectId,
        NOW,
      );
      for (const meeting of everyoneAnswered.meetings) {
        expect(validateAdaptiveCard(checklistCard(m, asCoordinator(everyoneAnswered), meeting))).toEqual([]);
      }
    }
  });

  it('offer only people not already on the team from the roster', () => {
    const card = JSON.stringify(teamCard(da, asCoordinator(fullTeam()), [{ aadObjectId: 'aad-jonas', name: 'Jonas Jensen', teamsUserId: '29:jonas' }, { aadObjectId: 'aad-sara', name: 'Sara Nielsen', teamsUserId: '29:sara' }]));
    expect(card).toContain('aad-sara');
    expect(card).not.toContain('"value":"aad-jonas"');
  });
});

describe('binding data to templates', () => {
  it('shows text a person typed as it is, even when it looks like a template expression', () => {
    const typed = '${name} and ${1+1}';
    const card = JSON.stringify(renderCard('message', { title: typed, text: 'x', color: 'Default' }));
    expect(card).toContain(JSON.stringify(typed).slice(1, -1));
  });
});
