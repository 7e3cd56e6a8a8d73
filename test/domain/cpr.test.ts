import { describe, expect, it } from 'vitest';
import { containsCpr } from '../../bot/domain/cpr';

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

  it.each([
    ['aaa7487f-db27-4080-ab0d-1811059406a8', 'ten digits that form a date'],
    ['6b030740-0875-4c1e-9a11-2b3c4d5e6f70', 'six digits that form a date, then four'],
  ])('is not asked about ids: %s has %s, so ids never go through this check', (id) => {
    // Random UUIDs look like CPR numbers about once in 2 300; ids are checked for shape, never for CPR.
    expect(containsCpr(id)).toBe(true);
  });
});
