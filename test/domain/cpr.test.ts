import { describe, expect, it } from 'vitest';
import { assertNoCpr, containsCpr } from '../../bot/domain/cpr';
import { DomainError } from '../../bot/domain/errors';

describe('CPR numbers', () => {
  it.each([
    ['010203-1234', 'with a dash'],
    ['0102031234', 'without a dash'],
    ['010203 1234', 'with a space'],
    ['Emil 140308-4123 Hansen', 'inside a text'],
    ['290200-4123', '29 February 2000 (seventh digit 4: year 2000)'],
    ['290296-1234', '29 February 1996'],
    ['311299-9999', 'the last day of a year'],
  ])('refuses %s (%s)', (text) => {
    expect(containsCpr(text)).toBe(true);
  });

  it.each([
    ['320199-1234', 'day 32'],
    ['001099-1234', 'day 0'],
    ['011399-1234', 'month 13'],
    ['300299-1234', '30 February'],
    ['290201-1234', '29 February in a common year (1901)'],
    ['290200-1234', '29 February 1900 (seventh digit 1: not a leap year)'],
    ['12345678', 'eight digits, a phone number'],
    ['+45 12 34 56 78', 'a Danish phone number'],
    ['01020312345', 'eleven digits'],
    ['2008-03-14', 'an ISO date'],
  ])('lets %s pass (%s)', (text) => {
    expect(containsCpr(text)).toBe(false);
  });

  it('finds a CPR number anywhere in a payload and names the field, not the value', () => {
    const payload = { name: 'Emil', contacts: [{ note: 'ok' }, { note: 'cpr 010203-1234' }] };
    try {
      assertNoCpr(payload);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('cprNotAllowed');
      expect((error as DomainError).details).toEqual({ field: 'contacts[1].note' });
      expect(JSON.stringify((error as DomainError).details)).not.toContain('010203');
    }
  });

  it('accepts a payload without CPR numbers', () => {
    expect(() => assertNoCpr({ name: 'Emil', phone: '12345678', n: 5 })).not.toThrow();
  });
});
