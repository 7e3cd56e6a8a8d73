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
