import { describe, expect, it } from 'vitest';
import { overviewCard } from '../../cards/caseCards';
import { baseCard, minutesBaseCard } from '../../cards/channelCards';
import { consentCard } from '../../cards/consentCard';
import { renderCard } from '../../cards/render';
import { checklistCard } from '../../cards/meetingCards';
import { teamCard } from '../../cards/teamCards';
import { approvalCard, closeMeetingCard, goalEditCard, goalsFormCard, minutesCard } from '../../cards/goalCards';
import { MAX_AGREEMENTS_ON_CARD, agreementsCard, handOverCard } from '../../cards/handOverCards';
import type { Case } from '../../bot/domain/case';
import { approveMinutes, closeMeeting } from '../../bot/domain/closing';
import { GOAL_THEMES, addAgreement, addGoal, markGoal, reviseGoal } from '../../bot/domain/goals';
import { answerChecklist } from '../../bot/domain/meeting';
import { CARD_VERSION } from '../../cards/version';
import { MAX_TEAM_SIZE } from '../../bot/domain/team';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { VERBS, parseCardAction } from '../../bot/teams/actions/registry';
import { validateAdaptiveCard } from '../support/cardValidation';
import { COORDINATOR, NOW } from '../domain/fixtures';
import { LATER, asCoordinator, everyCard, fullTeam, withApprovedMinutes, withClosedMeeting, withGoals, withMeetings } from '../support/sampleCards';

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
    // A leader's statistics are about a unit, never a case.
    expect(validateAdaptiveCard(cards[name], { verbsWithoutCaseId: ['case.create', 'statistics.show'] })).toEqual([]);
  });

  it('uses only verbs the bot understands, with the current card version', () => {
    const actions = Object.values(cards).flatMap(actionsOf);
    expect(actions.length).toBeGreaterThan(10);
    for (const action of actions) {
      // The goals issue's verbs are parsed by the Teams layer once it lands; until then they are known here.
      expect(VERBS.map((declaration) => declaration.verb)).toContain(action.verb);
      expect(action.data.v).toBe(CARD_VERSION);
    }
  });

  it('wraps the choices shown as radio buttons or checkboxes: on a phone (360 px) they are cut off otherwise', () => {
    const unwrapped: string[] = [];
    let shown = 0;
    const walk = (name: string, node: unknown) => {
      if (Array.isArray(node)) node.forEach((child) => walk(name, child));
      else if (node && typeof node === 'object') {
        const record = node as Record<string, unknown>;
        if (record.type === 'Input.ChoiceSet' && (record.style === 'expanded' || record.isMultiSelect === true)) {
          shown++;
          if (record.wrap !== true) unwrapped.push(`${name}: ${String(record.id)}`);
        }
        Object.values(record).forEach((child) => walk(name, child));
      }
    };
    for (const [name, card] of Object.entries(cards)) walk(name, card);
    expect(shown).toBeGreaterThan(5);
    expect(unwrapped).toEqual([]);
  });
});

describe('cards the whole channel sees', () => {
  it('carry no personal data: no name, birth date, phone or e-mail of the young person or the team', () => {
    const current = fullTeam();
    for (const m of [da, en]) {
      for (const view of ['overview', 'team', 'consent'] as const) {
        const shown = JSON.stringify(baseCard(m, current, view));
        // The one name the channel may read: who coordinates, on the thread's base card (issue 11, section 8).
        if (view === 'overview') expect(shown).toContain(JSON.stringify(COORDINATOR.name));
        const text = shown.split(JSON.stringify(COORDINATOR.name)).join('');
        for (const personal of ['Emil', 'Hansen', '2008-03-14', '14.03.2008', '14 Mar 2008', '12 34 56 78', 'emil@example.dk', 'Vestergade', 'Odense', 'Jonas', 'Karen', 'Ole', 'Mette']) {
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
    expect(overview).toContain('Gyldigt til 20.11.2027');
    const forMember = teamCard(da, { case: current, viewer: current.members[2]! }, []);
    // A member may go on to the network overview, and change nothing.
    expect(actionsOf(forMember).map((action) => [action.verb, action.data.view])).toEqual([['case.show', 'networkOverview']]);
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

function elementsOf(card: unknown, type: string): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === type) found.push(record);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The goals on a form or minutes card: the containers whose button shows one goal. */
function goalBlocks(card: unknown): Array<{ goalId: string; responsibles: string[] }> {
  return elementsOf(card, 'Container').flatMap((container) => {
    const items = container.items as Array<Record<string, unknown>>;
    const button = items[0]?.type === 'ColumnSet' ? actionsOf(items[0]).find((action) => action.verb === 'goal.edit') : undefined;
    // The responsibles follow their label, one line each.
    const label = items.findIndex((item) => item.type === 'TextBlock' && (item.text === da.cards.goals.responsibles || item.text === en.cards.goals.responsibles));
    const lines = (items[label + 1]?.items as Array<{ text: string }> | undefined)?.map((line) => line.text);
    return button && label >= 0 && lines ? [{ goalId: String(button.data.goalId), responsibles: lines }] : [];
  });
}

const by = COORDINATOR.aadObjectId;
const DAY = 24 * 60 * 60 * 1000;
const PERSONAL = ['Emil', 'Hansen', '2008-03-14', '12 34 56 78', 'emil@example.dk', 'Vestergade', 'Odense', 'Jonas', 'Karen', 'Ole', 'Mette', 'Moster', 'tømrer', 'ungdomsbolig', 'mentor', 'erhvervsskole'];

/** A Danish sentence repeated to `length` characters: realistic letters, æøå included. */
const danish = (length: number, seed = '') =>
  `${seed}Emil ønsker at gå på erhvervsskole og få en læreplads hos en tømrer tæt på sin bolig i Århus. `.repeat(30).slice(0, length);

/** The largest realistic form: a full team, a goal in each of the 8 themes, 40 agreements, long texts. */
function largestForm(text: (length: number, seed: string) => string, subGoalsLength: number): { written: Case; approved: Case } {
  let written = withMeetings(fullTeam(MAX_TEAM_SIZE - 5));
  GOAL_THEMES.forEach((theme, index) => {
    written = addGoal(written, { theme, longTermGoal: text(500, `${index}`), subGoals: text(subGoalsLength, `${index}`) }, `goal-${index}`, by, NOW, 'meeting-1');
    written = markGoal(written, `goal-${index}`, index % 2 === 0, text(500, `r${index}`), by, NOW, 'meeting-1');
  });
  for (let index = 0; index < 40; index++) {
    const owner = written.members[index % written.members.length]!;
    written = addAgreement(
      written,
      `goal-${index % 8}`,
      { action: text(500, `a${index}`), ownerMemberId: owner.id, followUpOn: '2026-12-01', followUpMethod: 'other', followUpMethodOther: text(200, `m${index}`) },
      `agreement-${index}`,
      by,
      NOW,
      'meeting-1',
    );
  }
  const closing = { waitingArrangement: text(500, 'w'), feedbackMemberId: 'm-jonas', eyeKeeperMemberId: 'm-jonas', acuteContactMemberId: 'm-vip', nextMeetingDate: '2027-02-15', nextMeetingTime: '09:00', summary: text(2000, 's'), confirmEmptySections: true };
  const closed = closeMeeting(written, 'meeting-1', closing, 'meeting-3', by, NOW);
  return { written, approved: approveMinutes(closed, 'meeting-1', '2026-11-23', by, NOW) };
}

describe('the goals and agreements cards', () => {
  it('post minutes to the whole thread with no personal data, only the reference and the next meeting', () => {
    const approved = withApprovedMinutes();
    for (const m of [da, en]) {
      const card = minutesBaseCard(m, approved, approved.meetings[0]!);
      const text = JSON.stringify(card);
      for (const personal of PERSONAL) expect(text).not.toContain(personal);
      expect(text).toContain('S-ABCDE');
      expect(text).toContain(m === da ? '15.02.2027 kl. 09:00' : '15/02/2027 at 09:00');
      expect(card).toMatchObject({
        refresh: { action: { verb: 'minutes.show', data: { caseId: 'case-1', meetingId: 'meeting-1' } }, userIds: [COORDINATOR.teamsUserId, '29:jonas'] },
      });
    }
  });

  it('list the young person first as responsible under every goal, whoever owns its agreements', () => {
    const written = withGoals();
    const approved = withApprovedMinutes();
    for (const m of [da, en]) {
      for (const card of [goalsFormCard(m, asCoordinator(written)), minutesCard(m, asCoordinator(approved), approved.meetings[0]!)]) {
        const goals = goalBlocks(card);
        expect(goals.map((goal) => goal.goalId)).toEqual(['goal-support', 'goal-housing', 'goal-education']); // the form's order of themes
        const youngPerson = `${m.cards.goals.youngPersonResponsible}: Emil Hansen`;
        for (const goal of goals) expect(goal.responsibles[0]).toBe(youngPerson);
        expect(goals[2]!.responsibles).toEqual([youngPerson, `${m.roles.youthGuidance}: Jonas Jensen`]);
        // The housing goal's only agreement is the VIP's: the young person is responsible all the same.
        expect(goals[1]!.responsibles).toEqual([youngPerson, `${m.roles.vip}: Karen Hansen (${m.cards.team.external})`]);
      }
    }
    expect(JSON.stringify(goalsFormCard(da, asCoordinator(written)))).toContain('Den unge (altid ansvarlig)');
  });

  it("show a goal's every version and every verdict with its date: nothing is overwritten", () => {
    let current = withGoals();
    const days = [1, 2, 3].map((n) => new Date(LATER.getTime() + n * DAY));
    days.forEach((day, index) => {
      current = reviseGoal(current, 'goal-education', { longTermGoal: `Version ${index + 3}`, subGoals: `Delmål ${index + 3}` }, by, day);
      current = markGoal(current, 'goal-education', index === 2, `Årsag ${index + 1}`, by, day, 'meeting-1');
    });
    for (const m of [da, en]) {
      const card = goalEditCard(m, asCoordinator(current), 'goal-education');
      expect(validateAdaptiveCard(card)).toEqual([]);
      const text = JSON.stringify(card);
      for (const wording of ['Jeg vil være tømrer.', 'Jeg vil være tømrerlærling og senere tømrer.', 'Version 3', 'Version 4', 'Version 5', 'Delmål 5']) expect(text).toContain(wording);
      for (const reason of ['Årsag 1', 'Årsag 2', 'Årsag 3']) expect(text).toContain(reason);
      for (const date of ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']) expect(text).toContain(m.dates.short(date));
      // Newest first, the current one marked; each by whom and at which meeting.
      expect(text.indexOf('Version 5')).toBeLessThan(text.indexOf('Version 4'));
      expect(text.indexOf('Version 4')).toBeLessThan(text.indexOf('Jeg vil være tømrer.'));
      expect(text).toContain(m.cards.goals.versionHeading(m === da ? '27.11.2026' : '27/11/2026', `Mette Madsen`, true));
      expect(text).toContain(m.cards.goals.atMeeting(1));
      // The revise form starts from the goal as it stands.
      const revise = elementsOf(card, 'Input.Text').find((input) => input.id === 'longTermGoal');
      expect(revise?.value).toBe('Version 5');
    }
  });

  it('keep the largest realistic form under 80 KB: 8 goals, 40 agreements, 500-character texts, a full team', () => {
    const { written, approved } = largestForm(danish, 500);
    const meeting = approved.meetings[0]!;
    const everyAgreement = approved.agreements.map((agreement) => ({ case: approved, agreement }));
    for (const m of [da, en]) {
      const cards = {
        form: goalsFormCard(m, asCoordinator(written)),
        minutes: minutesCard(m, asCoordinator(approved), meeting),
        goal: goalEditCard(m, asCoordinator(written), 'goal-0'),
        closing: closeMeetingCard(m, asCoordinator(written), written.meetings[0]!, NOW),
        approval: approvalCard(m, asCoordinator(approved), meeting, NOW),
        agreements: agreementsCard(m, everyAgreement, m.cards.goals.mineTitle, m.cards.goals.mineIntro),
        handOver: handOverCard(m, asCoordinator(approved), meeting),
      };
      for (const [name, card] of Object.entries(cards)) expect(validateAdaptiveCard(card), name).toEqual([]);
      expect(goalBlocks(cards.form)).toHaveLength(8);
      expect(elementsOf(cards.agreements, 'Input.Date')).toHaveLength(MAX_AGREEMENTS_ON_CARD);
    }
  });

  it('shorten long texts rather than outgrow Teams, even with every text at its limit in two-byte letters', () => {
    const { written, approved } = largestForm((length) => 'æ'.repeat(length), 2000);
    const m = da;
    const form = goalsFormCard(m, asCoordinator(written));
    const minutes = minutesCard(m, asCoordinator(approved), approved.meetings[0]!);
    for (const card of [form, minutes, goalEditCard(m, asCoordinator(written), 'goal-0'), handOverCard(m, asCoordinator(approved), approved.meetings[0]!)]) {
      expect(validateAdaptiveCard(card)).toEqual([]);
    }
    const texts = (card: unknown) => elementsOf(card, 'TextBlock').map((block) => block.text);
    // Eight goals in two-byte letters are more than one card of 28 KB holds, even shortened: the form
    // says so and shows a theme a page (each whole), all eight across the pages.
    expect(texts(form)).toContain(m.cards.goals.themePaged);
    const pages = GOAL_THEMES.map((theme) => goalsFormCard(m, asCoordinator(written), '', theme));
    for (const page of pages) expect(validateAdaptiveCard(page)).toEqual([]);
    expect(pages.flatMap(goalBlocks)).toHaveLength(8);
    // The goal card stays whole: its revise form holds the goal as it stands.
    const revise = elementsOf(goalEditCard(m, asCoordinator(written), 'goal-0'), 'Input.Text').find((input) => input.id === 'subGoals');
    expect(revise?.value).toBe('æ'.repeat(2000));
    // A short form is never shortened.
    expect(texts(goalsFormCard(m, asCoordinator(withGoals())))).not.toContain(m.cards.goals.shortened);
  });

  it('of the form use its verbs, each with the data the Teams layer parses', () => {
    const expected: Record<string, string[]> = {
      'goals.show': ['caseId'],
      'goal.edit': ['caseId', 'goalId'],
      'goal.add': ['caseId'],
      'goal.revise': ['caseId', 'goalId'],
      'goal.mark': ['caseId', 'goalId'],
      'agreement.add': ['caseId'],
      'meeting.close': ['caseId', 'meetingId'],
      'minutes.approve': ['caseId', 'meetingId'],
      'minutes.sendBack': ['caseId', 'meetingId'],
      'minutes.show': ['caseId', 'meetingId'],
      'agreement.done': ['agreementId', 'caseId'],
      'agreement.move': ['agreementId', 'caseId', 'dateInput'],
      'agreement.needsHelp': ['agreementId', 'caseId'],
      'handOver.acknowledge': ['caseId', 'meetingId'],
    };
    const cards = everyCard(da, fullTeam());
    const goalVerbs = new Set(Object.keys(expected));
    const used = Object.values(cards).flatMap(actionsOf).filter((action) => goalVerbs.has(action.verb));
    expect(new Set(used.map((action) => action.verb))).toEqual(goalVerbs);
    for (const action of used) {
      expect([action.verb, Object.keys(action.data).sort()]).toEqual([action.verb, ['v', ...expected[action.verb]!].sort()]);
      // What the card sends (plus the inputs, which may be left empty) parses at the bot's edge.
      expect(parseCardAction({ action: { type: 'Action.Execute', verb: action.verb, data: action.data } }).ok).toBe(true);
    }
  });

  it('give each agreement its own date input, named in agreement.move', () => {
    const approved = withApprovedMinutes();
    const card = agreementsCard(da, approved.agreements.map((agreement) => ({ case: approved, agreement })), 'x', '');
    const moves = actionsOf(card).filter((action) => action.verb === 'agreement.move');
    const dateIds = elementsOf(card, 'Input.Date').map((input) => input.id);
    expect(moves.map((action) => action.data.dateInput)).toEqual(dateIds);
    expect(new Set(dateIds).size).toBe(3); // the three open agreements; the done one has no actions
    expect(dateIds).toContain('followUpOn_agreement-school');
  });

  it('offer the forms only to the coordinator and the open meeting\'s minute-taker; any reader may open a goal', () => {
    const written = withGoals();
    const verbs = (card: unknown) => new Set(actionsOf(card).map((action) => action.verb));
    const member = (id: string) => ({ case: written, viewer: written.members.find((candidate) => candidate.id === id)! });
    for (const read of [asCoordinator(written), member('m-jonas')]) {
      expect(verbs(goalsFormCard(da, read))).toEqual(new Set(['goal.edit', 'goal.add', 'agreement.add']));
      // The coordinator changes an agreement ("Ret aftale"), Jonas asks to change his ("Bed om ændring").
      expect(verbs(goalEditCard(da, read, 'goal-education'))).toEqual(new Set(['goal.revise', 'goal.mark', 'goals.show', 'agreement.edit']));
    }
    expect(verbs(goalsFormCard(da, member('m-ole')))).toEqual(new Set(['goal.edit']));
    expect(verbs(goalEditCard(da, member('m-ole'), 'goal-education'))).toEqual(new Set(['goals.show']));
    expect(verbs(minutesCard(da, member('m-ole'), withApprovedMinutes().meetings[0]!))).toEqual(new Set(['goal.edit']));
    // No goal yet: a new goal, but no agreement to add.
    expect(verbs(goalsFormCard(da, asCoordinator(withMeetings())))).toEqual(new Set(['goal.add']));
  });

  it('close the meeting with the four questions, the always-required ones marked required, the young person never given a task', () => {
    const written = withGoals();
    const card = closeMeetingCard(da, asCoordinator(written), written.meetings[0]!, NOW);
    const inputs = [...elementsOf(card, 'Input.Text'), ...elementsOf(card, 'Input.ChoiceSet'), ...elementsOf(card, 'Input.Date'), ...elementsOf(card, 'Input.Time')];
    expect(inputs.map((input) => input.id).sort()).toEqual(
      ['acuteContactMemberId', 'eyeKeeperMemberId', 'feedbackMemberId', 'nextMeetingDate', 'nextMeetingTime', 'summary', 'waitingArrangement'].sort(),
    );
    const required = inputs.filter((input) => input.isRequired === true);
    expect(required.map((input) => input.id).sort()).toEqual(['acuteContactMemberId', 'eyeKeeperMemberId', 'feedbackMemberId', 'nextMeetingDate', 'summary']);
    for (const input of required) expect(input.errorMessage).toBe(da.cards.goals.required);
    // The waiting-time question is answered by its text or by the toggle: the bot checks it.
    expect(elementsOf(card, 'Input.Toggle').map((input) => input.id)).toContain('noWaitingTime');
    for (const choices of elementsOf(card, 'Input.ChoiceSet').map((input) => input.choices as Array<{ value: string }>)) {
      expect(choices.map((choice) => choice.value)).toEqual(['m-coordinator', 'm-jonas', 'm-vip', 'm-ole']);
    }
    const text = JSON.stringify(card);
    expect(text).toContain('Hvem har ”øje” på den unge, indtil det tværfaglige team mødes igen');
    expect(text).toContain('Resumé af møde, som ligger til grund for målene og aftalerne i aftaleskemaet');
  });

  it('ask for the young person\'s approval with the changes asked for so far, and say when it was given', () => {
    const closed = withClosedMeeting();
    const pending = approvalCard(da, asCoordinator(closed), closed.meetings[0]!, NOW);
    // Until approval, the checklist is a click away: attendance and the evaluation can still be filled in.
    expect(actionsOf(pending).map((action) => action.verb)).toEqual(['minutes.approve', 'minutes.sendBack', 'minutes.show', 'meeting.show']);
    expect(JSON.stringify(pending)).toContain('Emil vil have skrevet, at han selv ringer til skolen.');
    expect(elementsOf(pending, 'Input.Date')[0]).toMatchObject({ id: 'approvedOn', value: '2026-11-23' });
    const approved = withApprovedMinutes(closed);
    const done = approvalCard(da, asCoordinator(approved), approved.meetings[0]!, LATER);
    expect(actionsOf(done).map((action) => action.verb)).toEqual(['minutes.show']);
    expect(JSON.stringify(done)).toContain(da.cards.goals.approved('mandag 23. november 2026'));
  });

  it('hand over to the eye-keeper with the acute contact and the open agreements, and take the acknowledgement once', () => {
    const approved = withApprovedMinutes();
    const jonas = { case: approved, viewer: approved.members.find((member) => member.id === 'm-jonas')! };
    const card = handOverCard(da, jonas, approved.meetings[0]!);
    const text = JSON.stringify(card);
    for (const shown of ['Emil Hansen', '+45 12 34 56 78', 'Karen Hansen', '22334455', '15.02.2027 kl. 09:00', 'Ringe til erhvervsskolen']) expect(text).toContain(shown);
    expect(text).not.toContain('Finde en mentor'); // done, not open
    expect(actionsOf(card)).toEqual([{ verb: 'handOver.acknowledge', data: { v: CARD_VERSION, caseId: 'case-1', meetingId: 'meeting-1' } }]);
    const acknowledged = everyCard(da, fullTeam()).handOverAcknowledged;
    expect(actionsOf(acknowledged)).toEqual([]);
    expect(JSON.stringify(acknowledged)).toContain(da.cards.goals.acknowledged('tirsdag 24. november 2026 kl. 10:00'));
  });
});
