import { describe, expect, it } from 'vitest';
import { closeCase, createCase, coordinatorOf, isClosed, teamsUserIds } from '../../bot/domain/case';
import { DomainError } from '../../bot/domain/errors';
import { refusalOf } from '../support/refusals';
import { COORDINATOR, NOW, TENANT, sampleCase } from './fixtures';

function refused(run: () => unknown): DomainError {
  const error = refusalOf(run);
  if (!error) throw new Error('expected a refusal');
  return error;
}

const ids = { caseId: 'c', reference: 'S-X', coordinatorMemberId: 'm1', youngPersonMemberId: 'm2' };


describe('creating a case', () => {
  it('makes the creator the coordinator and puts the young person on the team', () => {
    const created = sampleCase();
    expect(coordinatorOf(created).person).toEqual({ kind: 'teams', aadObjectId: COORDINATOR.aadObjectId, name: COORDINATOR.name, teamsUserId: '29:mette' });
    expect(created.members.map((member) => member.role)).toEqual(['coordinator', 'youngPerson']);
    expect(created.youngPerson).toEqual({
      name: 'Emil Hansen',
      birthDate: '2008-03-14',
      contact: { phone: '+45 12 34 56 78', email: 'emil@example.dk', address: 'Vestergade 12, 2. th.', postalCode: '5000', city: 'Odense C' },
      statusAtStart: 'neither',
    });
    expect(created.history).toEqual([{ at: NOW.toISOString(), byAadObjectId: COORDINATOR.aadObjectId, kind: 'caseCreated' }]);
    expect(teamsUserIds(created)).toEqual([COORDINATOR.aadObjectId]);
  });

  it('refuses a CPR number in the name and names the field', () => {
    const error = refused(() => createCase(TENANT, COORDINATOR, { name: 'Emil 140308-4123', birthDate: '2008-03-14', status: 'work' }, ids, NOW));
    expect(error.code).toBe('cprNotAllowed');
    expect(error.details).toEqual({ field: 'name' });
  });

  it.each([
    [{ birthDate: '2008-03-14', status: 'work' }, 'fieldRequired', { field: 'name' }],
    [{ name: 'A', status: 'work' }, 'fieldRequired', { field: 'birthDate' }],
    [{ name: 'A', birthDate: '2008-02-30', status: 'work' }, 'invalidDate', { field: 'birthDate' }],
    [{ name: 'A', birthDate: '30.02.2008', status: 'work' }, 'invalidBirthDate', { field: 'birthDate' }],
    [{ name: 'A', birthDate: '2008-03-14' }, 'fieldRequired', { field: 'status' }],
    [{ name: 'A', birthDate: '2008-03-14', status: 'retired' }, 'fieldRequired', { field: 'status' }],
    [{ name: 'x'.repeat(201), birthDate: '2008-03-14', status: 'work' }, 'textTooLong', { field: 'name', max: 200 }],
    [{ name: 'A', birthDate: '2008-03-14', status: 'work', email: 'not-an-address' }, 'invalidEmail', { field: 'email' }],
    [{ name: 'A', birthDate: '2008-03-14', status: 'work', phone: '12' }, 'invalidPhone', { field: 'phone' }],
    [{ name: 'A', birthDate: '2008-03-14', status: 'work', postalCode: '500' }, 'invalidPostalCode', { field: 'postalCode' }],
    [{ name: 'A', birthDate: '2008-03-14', status: 'work', postalCode: '50000' }, 'invalidPostalCode', { field: 'postalCode' }],
    [{ name: 'A', birthDate: '2008-03-14', status: 'work', postalCode: 'DK-5000' }, 'invalidPostalCode', { field: 'postalCode' }],
    [{ name: 'A', birthDate: '2008-03-14', status: 'work', city: 'x'.repeat(201) }, 'textTooLong', { field: 'city', max: 200 }],
    [{ name: 'A', birthDate: '2008-03-14', status: 'work', city: 'Odense 140308-4123' }, 'cprNotAllowed', { field: 'city' }],
    [{ name: 'A', birthDate: '2008-03-14', status: 'work', address: 'Vej 1 140308-4123' }, 'cprNotAllowed', { field: 'address' }],
  ])('refuses %j with %s', (input, code, details) => {
    const error = refused(() => createCase(TENANT, COORDINATOR, input, ids, NOW));
    expect(error.code).toBe(code);
    expect(error.details).toEqual(details);
  });

  // A birth date is typed (a date picker opening on this month takes eight clicks to reach it): issue 11 §8.
  it.each([
    ['14.03.2008', '2008-03-14'],
    ['4.3.2008', '2008-03-04'],
    ['04.03.2008', '2008-03-04'],
    ['14-03-2008', '2008-03-14'],
    ['14/03/2008', '2008-03-14'],
    [' 14.03.2008 ', '2008-03-14'],
    // As cards posted before it could be typed send it.
    ['2008-03-14', '2008-03-14'],
  ])('reads the birth date typed as %j and stores it as %j', (typed, stored) => {
    expect(createCase(TENANT, COORDINATOR, { name: 'A', birthDate: typed, status: 'work' }, ids, NOW).youngPerson.birthDate).toBe(stored);
  });

  it.each([
    // A CPR number in any of its forms is refused as one, and never stored.
    ['140308-4123', 'cprNotAllowed'],
    ['1403084123', 'cprNotAllowed'],
    ['14.03.08-4123', 'cprNotAllowed'],
    ['14 03 08 41 23', 'cprNotAllowed'],
    // Not a date, or not one this form reads: the year has four digits.
    ['14.03.08', 'invalidBirthDate'],
    ['140308', 'invalidBirthDate'],
    ['14.13.2008', 'invalidBirthDate'],
    ['31.04.2008', 'invalidBirthDate'],
    ['14. marts 2008', 'invalidBirthDate'],
    ['2008-3-14', 'invalidBirthDate'],
    ['14.03.2008-4123', 'invalidBirthDate'],
  ])('refuses the birth date %j with %s', (typed, code) => {
    const error = refused(() => createCase(TENANT, COORDINATOR, { name: 'A', birthDate: typed, status: 'work' }, ids, NOW));
    expect(error.code).toBe(code);
    expect(error.details).toEqual({ field: 'birthDate' });
  });

  it('accepts only the target group of 13 to 30 years (seed 003)', () => {
    const at = (birthDate: string) => () => createCase(TENANT, COORDINATOR, { name: 'A', birthDate, status: 'work' }, ids, NOW);
    expect(at('2013-11-23')).not.toThrow(); // 13 today
    expect(refused(at('2013-11-24')).code).toBe('ageOutsideTargetGroup'); // 13 tomorrow
    expect(at('1995-11-24')).not.toThrow(); // 30 until tomorrow
    expect(refused(at('1995-11-23')).code).toBe('ageOutsideTargetGroup'); // 31 today
  });
});

describe('closing a case', () => {
  it('records when and by whom, once', () => {
    const closed = closeCase(sampleCase(), COORDINATOR.aadObjectId, NOW);
    expect(isClosed(sampleCase())).toBe(false);
    expect(isClosed(closed)).toBe(true);
    expect(closed.closedAt).toBe(NOW.toISOString());
    expect(closed.history.at(-1)).toEqual({ at: NOW.toISOString(), byAadObjectId: COORDINATOR.aadObjectId, kind: 'caseClosed' });
    expect(refusalOf(() => closeCase(closed, COORDINATOR.aadObjectId, NOW))?.code).toBe('caseAlreadyClosed');
  });
});
