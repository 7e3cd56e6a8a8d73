// The roles of the network overview (netværksoverblik, seed 001 section 3), plus the young person,
// who is always on the team. Labels a user reads live in bot/i18n.
export const TEAM_ROLES = [
  'coordinator', // myndighedskoordinator
  'youngPerson', // den unge
  'vip', // den unges voksen (VIP)
  'caseworkerChildren', // sagsbehandler (Børn- og Ungeforvaltning)
  'caseworkerAdults', // sagsbehandler (Voksenforvaltning)
  'housingSupport', // bostøtte
  'youthGuidance', // UU-vejleder
  'jobcentre', // sagsbehandler fra jobcenteret
  'placement', // anbringelsessted
  'contactPerson', // kontaktperson (frivillig eller kommunal)
  'substanceAbuse', // misbrugskonsulent
  'psychologist', // psykolog
  'psychiatricAdviser', // psykiatrisk rådgiver
  'benefits', // sagsbehandler fra ydelsesafdelingen
  'probation', // repræsentant fra Kriminalforsorgen
  'school', // skolerepræsentant
  'educationInstitution', // repræsentant fra uddannelsesinstitution
  'business', // repræsentant fra virksomhed
  'ssp', // SSP-medarbejder
  'other', // andre (angiv hvem)
] as const;

export type TeamRole = (typeof TEAM_ROLES)[number];

/** Roles a coordinator may give with the team card; the two first are set by the case itself. */
export const ASSIGNABLE_ROLES: readonly TeamRole[] = TEAM_ROLES.filter(
  (role) => role !== 'coordinator' && role !== 'youngPerson',
);

/**
 * Seed 000: "Det tværfaglige team omfatter ud over den unge og myndighedskoordinator også altid
 * UU-vejleder og jobcentermedarbejder" (a housing-support worker only if the young person gets housing
 * support, which the case does not record). The coordinator and the young person are on every team by
 * construction; a team without these two roles still has their rows in the checklist's attendance.
 */
export const ALWAYS_ON_TEAM: readonly TeamRole[] = ['youthGuidance', 'jobcentre'];
