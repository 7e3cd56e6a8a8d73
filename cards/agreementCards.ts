// One agreement between meetings (seed 001: the form "løbende opdateres"): as it stands, its
// history, an owner's request for a change; the coordinator changes it ("Ret aftale") and accepts or
// declines a request, its owner asks for a change ("Bed om ændring").
import { mayChangeAgreement, mayEditAgreement } from '../bot/domain/access';
import { pendingChangeRequest } from '../bot/domain/agreementChanges';
import { type Case, memberByAadObjectId } from '../bot/domain/case';
import { type Agreement, type AgreementEvent, FOLLOW_UP_METHODS, agreementById, goalById } from '../bot/domain/goals';
import type { Messages } from '../bot/i18n';
import type { ViewedCase } from './views';
import { firstFitting } from './budget';
import { followUpText, goalText, memberLabelById, recommendationText } from './goalCards';
import { type AdaptiveCardJson, renderCard } from './render';
import { memberChoiceTitle, memberName, shortened } from './people';

/** From the most text to the least, the first that fits Teams' 28 KB (a long team in the choices, long texts). */
const TEXT_LENGTHS = [500, 200, 90] as const;

/** Who did it, by name while they are on the team. */
function byName(m: Messages, current: Case, aadObjectId: string): string {
  const member = memberByAadObjectId(current, aadObjectId);
  return member ? memberName(current, member, m) : '';
}

/**
 * What a change changed, from what to what: what a field became is what the next change of it
 * changed it from, or the agreement as it stands (goals.ts: ChangedFrom).
 */
function changedParts(m: Messages, current: Case, agreement: Agreement, index: number): string[] {
  const labels = m.cards.goals;
  const before = agreement.history[index]?.before ?? {};
  const later = agreement.history.slice(index + 1);
  const next = <K extends 'ownerMemberId' | 'followUpOn' | 'followUpMethod'>(field: K) => later.find((event) => event.before?.[field] !== undefined)?.before?.[field] ?? agreement[field];
  // An owner's new date (newDate) after the change says what the date became then, not before it.
  const movedSince = later.find((event) => event.kind === 'newDate' || event.before?.followUpOn !== undefined)?.kind === 'newDate';
  const parts: string[] = [];
  if (before.action) parts.push(labels.changedParts.action);
  if (before.ownerMemberId) parts.push(labels.changedParts.owner(memberLabelById(m, current, before.ownerMemberId, true), memberLabelById(m, current, next('ownerMemberId'), true)));
  if (before.followUpOn) parts.push(labels.changedParts.followUpOn(m.dates.short(before.followUpOn), movedSince ? undefined : m.dates.short(next('followUpOn'))));
  if (before.followUpMethod) parts.push(labels.changedParts.followUpMethod(labels.methods[before.followUpMethod], labels.methods[next('followUpMethod')]));
  return parts;
}

function eventText(m: Messages, current: Case, agreement: Agreement, event: AgreementEvent, index: number): string {
  const events = m.cards.goals.historyEvents;
  switch (event.kind) {
    case 'newDate':
      return events.newDate(m.dates.short(event.followUpOn ?? ''));
    case 'changed':
      // Only the latest change keeps what it changed from (limits.ts).
      return event.before ? events.changed(changedParts(m, current, agreement, index), Boolean(event.requested)) : events.changedEarlier(Boolean(event.requested));
    default:
      return events[event.kind];
  }
}

/** A request as the coordinator reads it: who asked when, for what, and why. */
function requestText(m: Messages, current: Case, agreement: Agreement, text: number): string {
  const request = pendingChangeRequest(agreement);
  if (!request) return '';
  const parts = m.cards.goals.requestParts;
  const asked = [
    ...(request.action ? [parts.action(shortened(request.action, text))] : []),
    ...(request.ownerMemberId ? [parts.owner(memberLabelById(m, current, request.ownerMemberId, true))] : []),
    ...(request.followUpOn ? [parts.followUpOn(m.dates.short(request.followUpOn))] : []),
  ];
  return m.cards.goals.requestText(byName(m, current, request.byAadObjectId) || m.cards.goals.formerMember, m.dates.short(request.at), asked, shortened(request.why ?? '', text));
}

/**
 * The agreement with its history, newest first. The coordinator gets "Ret aftale" and, when an owner
 * asked for a change, "Godkend ændringen" and "Afvis"; its owner gets "Bed om ændring" while no request
 * of theirs awaits an answer. A done agreement is only shown.
 */
export function agreementEditCard(m: Messages, read: ViewedCase, agreementId: string, notice = ''): AdaptiveCardJson {
  const { case: current, viewer } = read;
  const labels = m.cards.goals;
  const agreement = agreementById(current, agreementId);
  const goal = goalById(current, agreement.goalId);
  const open = agreement.status === 'open';
  const pending = pendingChangeRequest(agreement);
  const coordinator = mayEditAgreement(viewer);
  const decision = agreement.changeRequest?.decision;
  return firstFitting(TEXT_LENGTHS, (text) =>
    renderCard('agreementEdit', {
      caseId: current.id,
      agreementId: agreement.id,
      title: labels.agreementTitle(current.reference),
      notice,
      labels,
      goal: shortened(goalText(m, goal), text),
      action: agreement.action,
      recommendation: recommendationText(m, agreement),
      details: labels.agreementLine(memberLabelById(m, current, agreement.ownerMemberId), followUpText(m, agreement), labels.agreementStatus[agreement.status]),
      request: requestText(m, current, agreement, text),
      decision: decision && !pending ? labels.decisionText(decision.accepted, m.dates.short(decision.at), decision.reason && shortened(decision.reason, text)) : '',
      canDecide: Boolean(open && pending && coordinator),
      history: agreement.history
        .map((event, index) => ({ heading: labels.historyHeading(m.dates.short(event.at), byName(m, current, event.byAadObjectId)), text: eventText(m, current, agreement, event, index) }))
        .reverse(),
      canEdit: open && coordinator,
      canAsk: open && !coordinator && !pending && mayChangeAgreement(agreement, viewer),
      current: {
        action: agreement.action,
        ownerMemberId: agreement.ownerMemberId,
        followUpOn: agreement.followUpOn,
        followUpMethod: agreement.followUpMethod,
        followUpMethodOther: agreement.followUpMethodOther ?? '',
      },
      ownerChoices: current.members.map((member) => ({ title: shortened(memberChoiceTitle(current, member, m), text < 500 ? 60 : 90), value: member.id })),
      methodChoices: FOLLOW_UP_METHODS.map((method) => ({ title: labels.methods[method], value: method })),
    }),
  );
}
