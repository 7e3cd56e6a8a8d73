// The case (forløb): one per young person, an aggregate saved whole with its etag.
import type { TeamRole } from './roles';
import { DomainError } from './errors';
import { ageOn, localDate, optionalEmail, optionalPhone, optionalPostalCode, optionalText, requiredBirthDate, requiredText, TEXT_LIMITS } from './fields';
import type { Consent } from './consent';
import type { Agreement, Goal } from './goals';
import type { Meeting } from './meeting';
import type { NetworkMap } from './networkMap';
import type { Intervention } from './interventions';
import type { Measures } from './measures';
import type { AdultHandOver } from './transitions';

export const EDUCATION_STATUSES = ['education', 'work', 'neither'] as const;
export type EducationStatus = (typeof EDUCATION_STATUSES)[number];

/** Seed 003: the model's target group is 13 to 30 years. */
const TARGET_AGE = { min: 13, max: 30 } as const;

export interface ContactDetails {
  phone?: string;
  email?: string;
  /** Adresse (street and number), as seed 001 has it; a case created before postal code and city had their own fields holds the whole address here. */
  address?: string;
  /** Postnummer: four digits. */
  postalCode?: string;
  /** By. */
  city?: string;
}

export interface YoungPerson {
  name: string;
  birthDate: string;
  contact: ContactDetails;
  statusAtStart: EducationStatus;
}

export type MemberPerson =
  /** `teamsUserId` (29:…) is what a 1:1 chat is opened with; from the roster or the user's own activity. */
  | { kind: 'teams'; aadObjectId: string; name: string; teamsUserId?: string }
  /** Contact details as the network overview has them (seed 001): `phone` is the direct number. */
  | { kind: 'external'; name: string; phone?: string; mainPhone?: string; email?: string; postalAddress?: string }
  /** The young person's own entry; the data lives in `Case.youngPerson`, never copied. */
  | { kind: 'youngPerson' };

export interface TeamMember {
  id: string;
  role: TeamRole;
  /** Who "andre (angiv hvem)" is: required for role `other`. */
  otherRoleName?: string;
  person: MemberPerson;
  /** Støttemuligheder: what can we help with. */
  supportOffer?: string;
  addedAt: string;
}

/** Where the case lives in Teams: a channel thread, a group chat, or nowhere yet (made in 1:1). */
export interface CaseHome {
  kind: 'channelThread' | 'groupChat';
  conversationId: string;
  /** The activity id of the case's base card (the thread's first post, or the first post in the group chat): updated when what it shows changes. */
  baseCardId?: string;
}

/** A recorded change. Holds ids and codes only, so the history itself carries no personal data. */
interface CaseEvent {
  at: string;
  byAadObjectId: string;
  kind:
    | 'caseCreated'
    | 'memberAdded'
    | 'memberChanged'
    | 'memberRemoved'
    | 'coordinatorHandedOver'
    | 'consentRecorded'
    | 'consentWithdrawn'
    | 'homeSet'
    | 'meetingPlanned'
    | 'meetingOpened'
    | 'meetingCancelled'
    | 'meetingClosed'
    | 'planSlipping'
    | 'caseClosed'
    | 'unitMoved'
    | 'adultHandOverRecorded';
  memberId?: string;
  meetingId?: string;
  fromMemberId?: string;
  /** `unitMoved`: the unit the case was in (its effective one: the default unit's when it had none) and is in now. */
  fromUnitId?: string;
  toUnitId?: string;
}

export interface Case {
  id: string;
  tenantId: string;
  /** A short reference that carries no personal data, for channel posts. */
  reference: string;
  createdAt: string;
  youngPerson: YoungPerson;
  members: TeamMember[];
  consents: Consent[];
  history: CaseEvent[];
  meetings: Meeting[];
  /** Mål- og aftaleskema: the goals and their agreements, across meetings. */
  goals: Goal[];
  agreements: Agreement[];
  /** Ids of the last activities applied, so that Teams' redelivery of one changes nothing twice. */
  appliedActivityIds: string[];
  home?: CaseHome;
  /** When the coordinator closed the case (ISO 8601); the retention period runs from here. */
  closedAt?: string;
  /** The municipality's unit the case belongs to (organisation.ts); none: the default unit. */
  unitId?: string;
  /** Netværkskort: none until someone is put on it. */
  networkMap?: NetworkMap;
  /** Indsatsoverblik: none until the first intervention is added. */
  interventions?: Intervention[];
  /** WHO-5 and readiness (BIP) over time (seed 004): none until the first is recorded. */
  measures?: Measures;
  /** Overdragelse til voksenforvaltningen (seed 002): none until the coordinator records it. */
  adultHandOver?: AdultHandOver;
}

export interface NewCaseInput {
  name?: string;
  birthDate?: string;
  phone?: string;
  email?: string;
  address?: string;
  postalCode?: string;
  city?: string;
  status?: string;
}

export interface Creator {
  aadObjectId: string;
  name: string;
  teamsUserId?: string;
}

export interface CreateCaseIds {
  caseId: string;
  reference: string;
  coordinatorMemberId: string;
  youngPersonMemberId: string;
}

export function validateYoungPerson(input: NewCaseInput, now: Date): YoungPerson {
  const name = requiredText(input.name, 'name', TEXT_LIMITS.name);
  const birthDate = requiredBirthDate(input.birthDate, 'birthDate');
  const age = ageOn(birthDate, localDate(now));
  if (age < TARGET_AGE.min || age > TARGET_AGE.max) {
    throw new DomainError('ageOutsideTargetGroup', { min: TARGET_AGE.min, max: TARGET_AGE.max });
  }
  const status = input.status?.trim();
  if (!status) throw new DomainError('fieldRequired', { field: 'status' });
  if (!(EDUCATION_STATUSES as readonly string[]).includes(status)) throw new DomainError('fieldRequired', { field: 'status' });
  return {
    name,
    birthDate,
    contact: {
      phone: optionalPhone(input.phone, 'phone'),
      email: optionalEmail(input.email, 'email'),
      address: optionalText(input.address, 'address', TEXT_LIMITS.short),
      postalCode: optionalPostalCode(input.postalCode, 'postalCode'),
      city: optionalText(input.city, 'city', TEXT_LIMITS.name),
    },
    statusAtStart: status as EducationStatus,
  };
}

/** The creator becomes the coordinator; the young person is on the team from the start. */
export function createCase(tenantId: string, creator: Creator, input: NewCaseInput, ids: CreateCaseIds, now: Date): Case {
  const youngPerson = validateYoungPerson(input, now);
  const at = now.toISOString();
  return {
    id: ids.caseId,
    tenantId,
    reference: ids.reference,
    createdAt: at,
    youngPerson,
    members: [
      {
        id: ids.coordinatorMemberId,
        role: 'coordinator',
        person: {
          kind: 'teams',
          aadObjectId: creator.aadObjectId,
          name: requiredText(creator.name, 'creatorName', TEXT_LIMITS.name),
          ...(creator.teamsUserId ? { teamsUserId: creator.teamsUserId } : {}),
        },
        addedAt: at,
      },
      { id: ids.youngPersonMemberId, role: 'youngPerson', person: { kind: 'youngPerson' }, addedAt: at },
    ],
    consents: [],
    meetings: [],
    goals: [],
    agreements: [],
    appliedActivityIds: [],
    history: [{ at, byAadObjectId: creator.aadObjectId, kind: 'caseCreated' }],
  };
}

export function setHome(current: Case, home: CaseHome, byAadObjectId: string, now: Date): Case {
  if (current.home) throw new DomainError('caseAlreadyHasHome');
  return {
    ...current,
    home,
    history: [...current.history, { at: now.toISOString(), byAadObjectId, kind: 'homeSet' }],
  };
}

/** Remembers where the case's base card was posted in its home (a group chat's is posted once the case is stored). */
export function setHomeCard(current: Case, activityId: string): Case {
  if (!current.home || current.home.baseCardId === activityId) return current;
  return { ...current, home: { ...current.home, baseCardId: activityId } };
}

export function coordinatorOf(current: Case): TeamMember {
  const coordinator = current.members.find((member) => member.role === 'coordinator');
  if (!coordinator) throw new Error(`case ${current.id} has no coordinator`);
  return coordinator;
}

/** Teams' own ids (29:…) of the team's Teams users: whom Teams shows user-specific card views to. */
export function teamsMemberIds(current: Case): string[] {
  return current.members.flatMap((member) => (member.person.kind === 'teams' && member.person.teamsUserId ? [member.person.teamsUserId] : []));
}

export function youngPersonMember(current: Case): TeamMember {
  const young = current.members.find((member) => member.role === 'youngPerson');
  if (!young) throw new Error(`case ${current.id} has no young person`);
  return young;
}

export function memberByAadObjectId(current: Case, aadObjectId: string): TeamMember | undefined {
  return current.members.find((member) => member.person.kind === 'teams' && member.person.aadObjectId === aadObjectId);
}

/** The Teams users of the team (Entra object ids): who may see the case. */
export function teamsUserIds(current: Case): string[] {
  return current.members.flatMap((member) => (member.person.kind === 'teams' ? [member.person.aadObjectId] : []));
}

export function isClosed(current: Case): boolean {
  return current.closedAt !== undefined;
}

/** `luk sag`: the case is closed; it is erased once the retention period has run from `closedAt`. */
export function closeCase(current: Case, byAadObjectId: string, now: Date): Case {
  if (isClosed(current)) throw new DomainError('caseAlreadyClosed');
  const at = now.toISOString();
  return { ...current, closedAt: at, history: [...current.history, { at, byAadObjectId, kind: 'caseClosed' }] };
}
