// The catalogue of refusals. The Teams layer turns each code into the user's language (bot/i18n);
// `details` carries only non-personal hints (a field name, a limit), never a person's data.
/**
 * What kind of refusal each code is: `access` (the actor may not: audited as denied), `validation` (the
 * input is wrong) or `state` (the case is not in a state that allows it).
 */
const DOMAIN_ERROR_KINDS = {
  caseNotFound: 'state',
  notTeamMember: 'access',
  notCoordinator: 'access',
  noValidConsent: 'access',
  cprNotAllowed: 'validation',
  textTooLong: 'validation',
  fieldRequired: 'validation',
  invalidDate: 'validation',
  invalidBirthDate: 'validation',
  invalidEmail: 'validation',
  invalidPhone: 'validation',
  invalidPostalCode: 'validation',
  ageOutsideTargetGroup: 'validation',
  memberNotFound: 'state',
  memberAlreadyOnTeam: 'state',
  teamFull: 'state',
  otherRoleNeedsName: 'validation',
  roleNotAssignable: 'validation',
  coordinatorMustBeTeamsUser: 'validation',
  coordinatorCannotBeChanged: 'state',
  alreadyCoordinator: 'state',
  consentNeedsParentalHolder: 'validation',
  consentNeedsYoungPerson: 'validation',
  consentExpiryNotAfterGiven: 'validation',
  consentGivenInFuture: 'validation',
  consentNeedsParties: 'validation',
  noConsentToWithdraw: 'state',
  caseAlreadyHasHome: 'state',
  tooManyConflicts: 'state',
  meetingAlreadyOpen: 'state',
  meetingAlreadyPlanned: 'state',
  meetingNotFound: 'state',
  meetingNotOpen: 'state',
  meetingInPast: 'validation',
  invalidTime: 'validation',
  noMeetingToCancel: 'state',
  cancellationNeedsReason: 'validation',
  unknownQuestion: 'validation',
  questionRetired: 'validation',
  invalidAnswer: 'validation',
  goalNotFound: 'state',
  agreementNotFound: 'state',
  agreementDone: 'state',
  followUpInPast: 'validation',
  closingIncomplete: 'validation',
  meetingNotClosed: 'state',
  minutesAlreadyApproved: 'state',
  minutesNotApproved: 'state',
  approvalInFuture: 'validation',
  notEyeKeeper: 'access',
  notFeedbackGiver: 'access',
  feedbackAlreadyGiven: 'state',
  notAgreementOwner: 'access',
  notWriter: 'access',
  meetingRolesByCoordinator: 'access',
  internalMeetingForProfessionals: 'access',
  sectionNotAnswerableNow: 'state',
  checklistIncomplete: 'validation',
  meetingIsInternal: 'state',
  meetingNotInternal: 'state',
  internalAgreementOwner: 'validation',
  internalAttendanceIncomplete: 'validation',
  noMeetingToClose: 'state',
  caseAlreadyClosed: 'state',
  caseClosed: 'state',
  confirmationMismatch: 'validation',
  tooManyGoals: 'state',
  tooManyAgreements: 'state',
  tooManyAgreementsForGoal: 'state',
  tooManyMeetings: 'state',
  tooManyConsents: 'state',
  caseTooLarge: 'state',
  changeRequestPending: 'state',
  tooManyChangeRequests: 'state',
  noChangeRequest: 'state',
  changeRequestEmpty: 'validation',
  invalidPeriod: 'validation',
  periodNotEnded: 'state',
  periodNotStarted: 'state',
  notAdministrator: 'access',
  notLeader: 'access',
  notLeaderOfUnit: 'access',
  unitNotFound: 'state',
  unitExists: 'state',
  tooManyUnits: 'state',
  tooManyLeaders: 'state',
  noUnits: 'state',
  invalidObjectId: 'validation',
  alreadyLeader: 'state',
  leaderNotFound: 'state',
  invalidMapPlace: 'validation',
  memberAlreadyOnMap: 'state',
  mapPersonNotFound: 'state',
  mapPersonOnTeam: 'state',
  networkMapFull: 'state',
  invalidMapLink: 'validation',
  unitRequired: 'validation',
  alreadyInUnit: 'state',
  referenceAmbiguous: 'state',
  referenceNotFound: 'state',
  interventionNotFound: 'state',
  tooManyInterventions: 'state',
  invalidInterventionStatus: 'validation',
  interventionEndsBeforeStart: 'validation',
  // The model's rhythm (issue 14): transition meetings, the next meeting too far off.
  transitionMeetingIsNetwork: 'validation',
  transitionMeetingTaken: 'state',
  nextMeetingFarOff: 'validation',
} as const satisfies Record<string, 'access' | 'validation' | 'state'>;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_KINDS;

/** The codes of kind `access`. */
export type AccessRefusalCode = { [Code in DomainErrorCode]: (typeof DOMAIN_ERROR_KINDS)[Code] extends 'access' ? Code : never }[DomainErrorCode];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

/** A refusal because of who asked: every one is audited as denied. */
export const isAccessRefusal = (error: unknown): error is DomainError & { code: AccessRefusalCode } => error instanceof DomainError && DOMAIN_ERROR_KINDS[error.code] === 'access';

/** Whether a refusal is about who asked, what they sent, or the state of the case. */
export const domainErrorKind = (error: DomainError): 'access' | 'validation' | 'state' => DOMAIN_ERROR_KINDS[error.code];
