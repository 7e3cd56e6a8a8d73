// The card verbs and the data each carries (cards/README.md is the protocol for humans). Every
// payload is parsed here before any use case runs; what does not parse is refused whole.
import { z } from 'zod';
import { CARD_VERSION } from '../../cards/version';
import { CASE_VIEWS } from '../app/readCase';

/** Generous outer bounds; the domain enforces the exact limits with field-specific messages. */
const text = z.string().max(10_000);
const optionalText = text.optional();
const id = z.string().min(1).max(200);
const version = z.coerce.number().int().min(1);
const withCase = { v: version, caseId: id };
/** A page of a paged card, from 0; older cards carry none and get the first. */
const page = z.coerce.number().int().min(0).max(10_000).optional();
/** The size of that page, when a large text made it smaller than usual; older cards carry none. */
const pageSize = z.coerce.number().int().min(1).max(100).optional();
const checklistPage = z.string().max(50).optional();
/** Teams sends input values as text; a number input may come as a number. */
const answerValue = z.union([text, z.number()]).transform(String);

export const CARD_ACTIONS = {
  'case.create': z.object({ v: version, name: optionalText, birthDate: optionalText, phone: optionalText, email: optionalText, address: optionalText, status: optionalText }),
  /** `rosterPage`: the team card's page of people in the conversation to add; older cards carry none. */
  'case.show': z.object({ ...withCase, view: z.enum(CASE_VIEWS), page, pageSize, rosterPage: page }),
  'case.select': z.object(withCase),
  /** A page of the 1:1 case picker: no case is chosen yet. */
  'case.pick': z.object({ v: version, page }),
  'team.edit': z.object({ ...withCase, memberId: id }),
  'team.addTeamsUser': z.object({ ...withCase, teamsUser: optionalText, teamsRole: optionalText, teamsOtherRoleName: optionalText, teamsSupportOffer: optionalText }),
  'team.addExternal': z.object({
    ...withCase,
    externalName: optionalText,
    externalPhone: optionalText,
    externalEmail: optionalText,
    externalRole: optionalText,
    externalOtherRoleName: optionalText,
    externalSupportOffer: optionalText,
  }),
  'team.change': z.object({ ...withCase, memberId: id, role: optionalText, otherRoleName: optionalText, supportOffer: optionalText }),
  'team.remove': z.object({ ...withCase, memberId: id }),
  'team.handOver': z.object({ ...withCase, toMemberId: optionalText, previousCoordinatorRole: optionalText }),
  'consent.record': z.object({
    ...withCase,
    givenByYoungPerson: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
    parentalHolderName: optionalText,
    givenOn: optionalText,
    expiresOn: optionalText,
    /** Teams sends a multi-select as comma-separated values. */
    partyMemberIds: optionalText,
  }),
  'consent.withdraw': z.object(withCase),
  'meeting.open': z.object({ ...withCase, meetingDate: optionalText, meetingTime: optionalText }),
  'meeting.plan': z.object({ ...withCase, meetingDate: optionalText, meetingTime: optionalText }),
  /** `page`: the checklist's page to show whole (a section, or `attendance-2` …), when it does not fit one card. */
  'meeting.show': z.object({ ...withCase, meetingId: id, page: checklistPage }),
  /** The inputs of one checklist section, under their question ids, and what the card showed (`seen`). */
  'meeting.answer': z
    .object({ ...withCase, meetingId: id, seen: z.record(z.string().max(200), answerValue), page: checklistPage })
    .catchall(answerValue),
  'meeting.cancel': z.object({ ...withCase, meetingId: id, reason: optionalText, otherReason: optionalText }),
  /** `theme`: the theme to show, when the form is too large for one card. */
  'goals.show': z.object({ ...withCase, theme: z.string().max(50).optional() }),
  'goal.add': z.object({ ...withCase, theme: optionalText, longTermGoal: optionalText, subGoals: optionalText }),
  'goal.edit': z.object({ ...withCase, goalId: id }),
  'goal.revise': z.object({ ...withCase, goalId: id, longTermGoal: optionalText, subGoals: optionalText }),
  'goal.mark': z.object({ ...withCase, goalId: id, reached: z.enum(['yes', 'no']).optional(), reason: optionalText }),
  'agreement.add': z.object({
    ...withCase,
    goalId: optionalText,
    action: optionalText,
    ownerMemberId: optionalText,
    followUpOn: optionalText,
    followUpMethod: optionalText,
    followUpMethodOther: optionalText,
  }),
  'meeting.close': z.object({
    ...withCase,
    meetingId: id,
    waitingArrangement: optionalText,
    feedbackMemberId: optionalText,
    eyeKeeperMemberId: optionalText,
    acuteContactMemberId: optionalText,
    nextMeetingDate: optionalText,
    nextMeetingTime: optionalText,
    summary: optionalText,
    /** The closing card's toggle: close although checklist sections are not filled in; older cards send none. */
    confirmEmptySections: z.union([z.boolean(), z.enum(['true', 'false'])]).optional().transform((value) => value === true || value === 'true'),
  }),
  'minutes.approve': z.object({ ...withCase, meetingId: id, approvedOn: optionalText }),
  'minutes.sendBack': z.object({ ...withCase, meetingId: id, changes: optionalText }),
  'minutes.show': z.object({ ...withCase, meetingId: id, theme: z.string().max(50).optional() }),
  'handOver.acknowledge': z.object({ ...withCase, meetingId: id }),
  'agreement.done': z.object({ ...withCase, agreementId: id }),
  /** The new date comes in the input named by `dateInput` (each agreement on a card has its own). */
  'agreement.move': z.object({ ...withCase, agreementId: id, dateInput: id }).catchall(answerValue),
  'agreement.needsHelp': z.object({ ...withCase, agreementId: id }),
  'plan.slipping': z.object(withCase),
  /** The case's reference, typed by the coordinator to confirm. */
  'case.close': z.object({ ...withCase, confirmation: optionalText }),
  'case.erase': z.object({ ...withCase, confirmation: optionalText }),
} as const;

type CardVerb = keyof typeof CARD_ACTIONS;
export type CardAction = { [V in CardVerb]: { verb: V; data: z.infer<(typeof CARD_ACTIONS)[V]> } }[CardVerb];

const invokeValue = z.object({
  action: z.object({ type: z.literal('Action.Execute'), verb: z.string().max(100), data: z.record(z.string(), z.unknown()).optional() }),
});

export type CardActionParse =
  | { ok: true; action: CardAction }
  | { ok: false; problem: 'malformed' | 'unknownVerb' | 'newerVersion' };

function isCardVerb(verb: string): verb is CardVerb {
  return Object.hasOwn(CARD_ACTIONS, verb);
}

export function parseCardAction(value: unknown): CardActionParse {
  const envelope = invokeValue.safeParse(value);
  if (!envelope.success) return { ok: false, problem: 'malformed' };
  const { verb, data = {} } = envelope.data.action;
  if (!isCardVerb(verb)) return { ok: false, problem: 'unknownVerb' };
  const parsed = CARD_ACTIONS[verb].safeParse(data);
  if (!parsed.success) return { ok: false, problem: 'malformed' };
  // A card from a newer version than this instance (during a rolling upgrade) is not guessed at.
  if (parsed.data.v > CARD_VERSION) return { ok: false, problem: 'newerVersion' };
  return { ok: true, action: { verb, data: parsed.data } as CardAction };
}
