// Which unit a case is in (caseUnit.ts): chosen when it is opened, only when there are several units;
// moved by name, never to the unit it is in, with the move in the case's history.
import { describe, expect, it } from 'vitest';
import { moveCaseToUnit, unitChoiceNeeded, unitOfCase, unitOfNewCase } from '../../bot/domain/caseUnit';
import { addUnit, emptyOrganisation } from '../../bot/domain/organisation';
import { codeOf, refusalOf } from '../support/refusals';
import { NOW, TENANT, sampleCase } from './fixtures';

const none = emptyOrganisation(TENANT);
const one = addUnit(none, 'u-nord', 'Nord');
const two = addUnit(one, 'u-syd', 'Syd');

describe('the unit of a new case', () => {
  it('is not chosen with one unit or none: the case is in the default unit', () => {
    expect(unitChoiceNeeded(none)).toBe(false);
    expect(unitChoiceNeeded(one)).toBe(false);
    expect(unitOfNewCase(none, undefined)).toBeUndefined();
    expect(unitOfNewCase(one, undefined)).toBeUndefined();
    // A choice from an old card is not needed, and not kept.
    expect(unitOfNewCase(one, 'u-nord')).toBeUndefined();
  });

  it('is required with several units, and must be one of them', () => {
    expect(unitChoiceNeeded(two)).toBe(true);
    expect(unitOfNewCase(two, 'u-syd')).toBe('u-syd');
    expect(unitOfNewCase(two, 'u-nord')).toBe('u-nord');
    expect(codeOf(() => unitOfNewCase(two, undefined))).toBe('unitRequired');
    expect(codeOf(() => unitOfNewCase(two, ' '))).toBe('unitRequired');
    expect(codeOf(() => unitOfNewCase(two, 'u-other-tenant'))).toBe('unitRequired');
  });
});

describe('moving a case', () => {
  it('moves it by the unit name, recording from and to in its history', () => {
    const current = sampleCase();
    expect(unitOfCase(two, current)?.name).toBe('Nord');
    const moved = moveCaseToUnit(current, two, 'syd', 'aad-admin', NOW);
    expect(moved.unitId).toBe('u-syd');
    expect(unitOfCase(two, moved)?.name).toBe('Syd');
    expect(moved.history.at(-1)).toEqual({ at: NOW.toISOString(), byAadObjectId: 'aad-admin', kind: 'unitMoved', fromUnitId: 'u-nord', toUnitId: 'u-syd' });
    const back = moveCaseToUnit(moved, two, 'Nord', 'aad-admin', NOW);
    expect(back.unitId).toBe('u-nord');
    expect(back.history.at(-1)).toMatchObject({ fromUnitId: 'u-syd', toUnitId: 'u-nord' });
  });

  it('refuses an unknown unit, and the unit the case is in (the default one too)', () => {
    const current = sampleCase();
    expect(codeOf(() => moveCaseToUnit(current, two, 'Vest', 'aad-admin', NOW))).toBe('unitNotFound');
    const same = refusalOf(() => moveCaseToUnit(current, two, 'NORD', 'aad-admin', NOW));
    expect(same?.code).toBe('alreadyInUnit');
    expect(same?.details).toEqual({ reference: current.reference, unit: 'Nord' });
    expect(codeOf(() => moveCaseToUnit({ ...current, unitId: 'u-syd' }, two, 'Syd', 'aad-admin', NOW))).toBe('alreadyInUnit');
  });
});
