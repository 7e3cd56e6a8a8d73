// Which of the municipality's units a case belongs to: chosen by its coordinator when the case is
// opened (only when there are several to choose from), moved later by an administrator only.
import type { Case } from './case';
import { DomainError } from './errors';
import { type Organisation, type Unit, unitByName } from './organisation';

/** Whether the coordinator must choose the unit of a new case: with one unit or none, every case is in the default. */
export const unitChoiceNeeded = (organisation: Organisation): boolean => organisation.units.length > 1;

/** The unit id a new case is stored with: the coordinator's choice when there are several, else none (the default unit). */
export function unitOfNewCase(organisation: Organisation, chosenUnitId: string | undefined): string | undefined {
  if (!unitChoiceNeeded(organisation)) return undefined;
  const unit = organisation.units.find((candidate) => candidate.id === chosenUnitId?.trim());
  if (!unit) throw new DomainError('unitRequired');
  return unit.id;
}

/** The unit the case is in: its own, or the default unit when it has none (undefined only when there are no units). */
export function unitOfCase(organisation: Organisation, current: Case): Unit | undefined {
  return organisation.units.find((unit) => unit.id === current.unitId) ?? organisation.units[0];
}

/** Moves the case to the unit named `unitName`; refused when there is no such unit or the case is in it already. */
export function moveCaseToUnit(current: Case, organisation: Organisation, unitName: string, byAadObjectId: string, now: Date): Case {
  const to = unitByName(organisation, unitName);
  const from = unitOfCase(organisation, current);
  if (from?.id === to.id) throw new DomainError('alreadyInUnit', { reference: current.reference, unit: to.name });
  return {
    ...current,
    unitId: to.id,
    history: [...current.history, { at: now.toISOString(), byAadObjectId, kind: 'unitMoved', ...(from && { fromUnitId: from.id }), toUnitId: to.id }],
  };
}
