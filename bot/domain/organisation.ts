// A municipality's (tenant's) units and their leaders, as its administrator sets them up. A leader sees
// the half-yearly status of their unit(s) only, never a single young person (statistics/leaderReport.ts).
// A case belongs to one unit (Case.unitId); a case without one belongs to the default unit, the first
// the administrator made, so that a municipality with one unit has nothing to assign.
import { DomainError } from './errors';
import { requiredText } from './fields';

export interface Unit {
  id: string;
  /** As the administrator named it (e.g. "Ungeenheden Nord"): what leaders and coordinators see. */
  name: string;
}

interface Leader {
  /** The leader's Entra object id: what Teams' activities and the tab's token name them by. */
  aadObjectId: string;
  unitIds: string[];
}

export interface Organisation {
  tenantId: string;
  /** In the order they were made; the first is the default unit. */
  units: Unit[];
  leaders: Leader[];
}

const UNIT_NAME_MAX = 100;
/** The units a tenant can have: the figures are about groups of at least five young people each. */
const MAX_UNITS = 50;
const MAX_LEADERS = 500;
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const emptyOrganisation = (tenantId: string): Organisation => ({ tenantId, units: [], leaders: [] });

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase('da') === b.trim().toLocaleLowerCase('da');

/** The unit named `name` (case forgiven); refused when there is none. */
export function unitByName(organisation: Organisation, name: string): Unit {
  const unit = organisation.units.find((candidate) => sameName(candidate.name, name));
  if (!unit) throw new DomainError('unitNotFound');
  return unit;
}

export function addUnit(organisation: Organisation, id: string, name: string): Organisation {
  const trimmed = requiredText(name, 'unitName', UNIT_NAME_MAX);
  if (organisation.units.some((unit) => sameName(unit.name, trimmed))) throw new DomainError('unitExists');
  if (organisation.units.length >= MAX_UNITS) throw new DomainError('tooManyUnits', { max: MAX_UNITS });
  return { ...organisation, units: [...organisation.units, { id, name: trimmed }] };
}

/** Makes the person with Entra object id `aadObjectId` a leader of the unit named `unitName`. */
export function addLeader(organisation: Organisation, aadObjectId: string, unitName: string): Organisation {
  const objectId = aadObjectId.trim().toLowerCase();
  if (!OBJECT_ID.test(objectId)) throw new DomainError('invalidObjectId');
  const unit = unitByName(organisation, unitName);
  const current = organisation.leaders.find((leader) => leader.aadObjectId === objectId);
  if (current?.unitIds.includes(unit.id)) throw new DomainError('alreadyLeader');
  if (!current && organisation.leaders.length >= MAX_LEADERS) throw new DomainError('tooManyLeaders', { max: MAX_LEADERS });
  const leaders = current
    ? organisation.leaders.map((leader) => (leader === current ? { ...leader, unitIds: [...leader.unitIds, unit.id] } : leader))
    : [...organisation.leaders, { aadObjectId: objectId, unitIds: [unit.id] }];
  return { ...organisation, leaders };
}

/** Takes the leader off the unit named `unitName`, or off every unit when none is named. */
export function removeLeader(organisation: Organisation, aadObjectId: string, unitName?: string): Organisation {
  const objectId = aadObjectId.trim().toLowerCase();
  const current = organisation.leaders.find((leader) => leader.aadObjectId === objectId);
  const unitId = unitName ? unitByName(organisation, unitName).id : undefined;
  if (!current || (unitId && !current.unitIds.includes(unitId))) throw new DomainError('leaderNotFound');
  const unitIds = unitId ? current.unitIds.filter((id) => id !== unitId) : [];
  const leaders = organisation.leaders.flatMap((leader) => (leader !== current ? [leader] : unitIds.length > 0 ? [{ ...leader, unitIds }] : []));
  return { ...organisation, leaders };
}

/** The units this person leads, in the organisation's order. */
export function unitsLedBy(organisation: Organisation, aadObjectId: string): Unit[] {
  const unitIds = new Set(organisation.leaders.find((leader) => leader.aadObjectId === aadObjectId.toLowerCase())?.unitIds ?? []);
  return organisation.units.filter((unit) => unitIds.has(unit.id));
}

/** Whether the unit's cases include those with no unit of their own. */
export const isDefaultUnit = (organisation: Organisation, unitId: string): boolean => organisation.units[0]?.id === unitId;
