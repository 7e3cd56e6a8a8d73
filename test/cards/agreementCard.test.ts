// The agreement's own card (cards/agreementCards.ts): its history says what each change changed from and
// to, newest first; the coordinator gets "Ret aftale" and the decision on a request, the owner "Bed om
// ændring", anyone else only the history.
import { describe, expect, it } from 'vitest';
import { askToChangeAgreement, changeAgreement } from '../../bot/domain/agreementChanges';
import type { Case } from '../../bot/domain/case';
import { addAgreement, addGoal, moveAgreement } from '../../bot/domain/goals';
import { compactCase } from '../../bot/domain/limits';
import { addMember } from '../../bot/domain/team';
import { da } from '../../bot/i18n/da';
import { agreementEditCard } from '../../cards/agreementCards';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';
import { nodes } from '../support/cardNodes';

const by = COORDINATOR.aadObjectId;
const labels = da.cards.goals;
const later = new Date('2026-11-25T10:00:00Z');

function withTeam(): Case {
  let current = addMember(sampleCase(), { role: 'youthGuidance', person: { kind: 'teams', aadObjectId: 'aad-jonas', name: 'Jonas' } }, 'm-jonas', by, NOW);
  current = addMember(current, { role: 'school', person: { kind: 'teams', aadObjectId: 'aad-ole', name: 'Ole' } }, 'm-ole', by, NOW);
  current = addGoal(current, { theme: 'education', longTermGoal: 'Jeg vil være tømrer' }, 'goal-1', by, NOW);
  return addAgreement(current, 'goal-1', { action: 'Ringe til skolen', ownerMemberId: 'm-young', followUpOn: '2026-12-01', followUpMethod: 'phone' }, 'a-1', by, NOW);
}

const viewer = (current: Case, memberId: string) => ({ case: current, viewer: current.members.find((member) => member.id === memberId)! });
const texts = (card: unknown) => nodes(card, 'TextBlock').map((block) => String(block.text).replace(/\\(.)/g, '$1'));
const verbs = (card: unknown) => nodes(card, 'Action.Execute').map((action) => String(action.verb));

describe('the agreement card', () => {
  it('says what each change changed from and to, the newest first; an earlier change only that it was made', () => {
    let current = withTeam();
    current = compactCase(changeAgreement(current, 'a-1', { ownerMemberId: 'm-jonas' }, by, later));
    current = compactCase(changeAgreement(current, 'a-1', { followUpOn: '2026-12-10', action: 'Besøge skolen' }, by, later));
    const shown = texts(agreementEditCard(da, viewer(current, 'm-coordinator'), 'a-1'));
    const history = shown.slice(shown.indexOf(labels.agreementHistory) + 1).filter((_, index) => index % 2 === 1);
    expect(history).toEqual([
      labels.historyEvents.changed([labels.changedParts.action, labels.changedParts.followUpOn('01.12.2026', '10.12.2026')], false),
      labels.historyEvents.changedEarlier(false),
      labels.historyEvents.created,
    ]);
  });

  it('names the owner before and after, and a date the owner moved since as moved from', () => {
    let current = changeAgreement(withTeam(), 'a-1', { ownerMemberId: 'm-jonas', followUpOn: '2026-12-05' }, by, later);
    current = moveAgreement(current, 'a-1', '2026-12-12', 'aad-jonas', later);
    const shown = texts(agreementEditCard(da, viewer(current, 'm-coordinator'), 'a-1')).join('\n');
    expect(shown).toContain(labels.changedParts.followUpOn('01.12.2026', undefined));
    expect(shown).toMatch(/ansvarlig Emil.* → Jonas/);
    expect(shown).toContain(labels.historyEvents.newDate('12.12.2026'));
  });

  it('offers the coordinator the change and the decision, the owner the request, anyone else nothing', () => {
    const current = changeAgreement(withTeam(), 'a-1', { ownerMemberId: 'm-jonas' }, by, later);
    expect(verbs(agreementEditCard(da, viewer(current, 'm-coordinator'), 'a-1'))).toEqual(['agreement.change']);
    expect(verbs(agreementEditCard(da, viewer(current, 'm-jonas'), 'a-1'))).toEqual(['agreement.requestChange']);
    expect(verbs(agreementEditCard(da, viewer(current, 'm-ole'), 'a-1'))).toEqual([]);
    const asked = askToChangeAgreement(current, 'a-1', { followUpOn: '2026-12-20', why: 'Ferie' }, 'aad-jonas', later);
    expect(verbs(agreementEditCard(da, viewer(asked, 'm-coordinator'), 'a-1'))).toEqual(['agreement.acceptChange', 'agreement.declineChange', 'agreement.change']);
    // The owner sees the request waiting, and cannot ask again until it is answered.
    const forOwner = agreementEditCard(da, viewer(asked, 'm-jonas'), 'a-1');
    expect(verbs(forOwner)).toEqual([]);
    expect(texts(forOwner)).toContain(labels.pendingRequest);
  });
});
