// The catalogue of refusals. The Teams layer turns each code into the user's language (bot/i18n);
// `details` carries only non-personal hints (a field name, a limit), never a person's data.
export const DOMAIN_ERROR_CODES = [
  'caseNotFound',
  'notTeamMember',
  'notCoordinator',
  'noValidConsent',
  'cprNotAllowed',
  'textTooLong',
  'fieldRequired',
  'invalidDate',
  'invalidEmail',
  'invalidPhone',
  'ageOutsideTargetGroup',
  'memberNotFound',
  'memberAlreadyOnTeam',
  'teamFull',
  'otherRoleNeedsName',
  'roleNotAssignable',
  'coordinatorMustBeTeamsUser',
  'coordinatorCannotBeChanged',
  'alreadyCoordinator',
  'consentNeedsParentalHolder',
  'consentNeedsYoungPerson',
  'consentExpiryNotAfterGiven',
  'consentGivenInFuture',
  'consentNeedsParties',
  'noConsentToWithdraw',
  'caseAlreadyHasHome',
  'tooManyConflicts',
  'meetingAlreadyOpen',
  'meetingAlreadyPlanned',
  'meetingNotFound',
  'meetingNotOpen',
  'meetingInPast',
  'invalidTime',
  'noMeetingToCancel',
  'cancellationNeedsReason',
  'unknownQuestion',
  'invalidAnswer',
  'goalNotFound',
  'agreementNotFound',
  'agreementDone',
  'followUpInPast',
  'closingIncomplete',
  'meetingNotClosed',
  'minutesAlreadyApproved',
  'minutesNotApproved',
  'approvalInFuture',
  'notEyeKeeper',
  'notAgreementOwner',
  'notWriter',
  'noMeetingToClose',
  'caseAlreadyClosed',
  'caseClosed',
  'confirmationMismatch',
  'tooManyGoals',
  'tooManyAgreements',
  'tooManyAgreementsForGoal',
  'tooManyMeetings',
  'caseTooLarge',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}
