import { describe, expect, it } from 'vitest';
import { containsCpr } from '../../bot/domain/cpr';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';

describe('CPR numbers', () => {
  it.each([
    ['010203-1234', 'with a dash'],
    ['0102031234', 'without a dash'],
    ['010203 1234', 'with a space'],
    ['Emil 140308-4123 Hansen', 'inside a text'],
    ['290200-4123', '29 February 2000 (seventh digit 4: year 2000)'],
    ['290296-1234', '29 February 1996'],
    ['311299-9999', 'the last day of a year'],
    ['010203\u20131234', 'with an en dash'],
    ['010203\u20111234', 'with a non-breaking hyphen'],
    ['010203\u22121234', 'with a minus sign'],
    ['010203 - 1234', 'with a spaced dash'],
    ['01 02 03 1234', 'in pairs'],
    ['01 02 03 12 34', 'written as a phone number'],
    ['01.02.03-1234', 'with dots in the date'],
    ['01/02/03-1234', 'with slashes in the date'],
    ['010203\u00a01234', 'with a non-breaking space'],
    ['010203-\u200b1234', 'with a zero-width space inside'],
    ['0102\u00ad031234', 'with a soft hyphen inside'],
    ['\uff10\uff11\uff10\uff12\uff10\uff13\uff0d\uff11\uff12\uff13\uff14', 'in full-width digits'],
    ['\u0660\u0661\u0660\u0662\u0660\u0663-\u0661\u0662\u0663\u0664', 'in Arabic-Indic digits'],
    ['\u0966\u0967\u0966\u0968\u0966\u0969-\u0967\u0968\u0969\u096a', 'in Devanagari digits'],
    ['1. 010203-1234', 'after a number in a list'],
    ['150324 1400', 'a known false positive: a compact date and time (15 March 1924, serial 1400)'],
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
    ['12 34 56 78', 'a phone number in pairs'],
    ['15.03.24 14.00', 'a date and a time with dots'],
    ['15.03.24 kl. 14:00', 'a date and a time'],
    ['01.02.2024 10:00', 'a date with a four-digit year and a time'],
    ['01.02.24-04.05.24', 'a range of dates'],
    ['0102 031234', 'ten digits split where no CPR number is'],
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

describe('the refusal of a CPR number', () => {
  it.each([da, en])('fits the field: only a name in a name, a date with a time told apart elsewhere (%#)', (m) => {
    const inGoal = m.errors.cprNotAllowed({ field: 'longTermGoal' });
    const inName = m.errors.cprNotAllowed({ field: 'name' });
    const inPhone = m.errors.cprNotAllowed({ field: 'phone' });
    for (const message of [inGoal, inName, inPhone]) expect(message).not.toMatch(/fødselsdato|date of birth/i);
    expect(inGoal).toContain('150324 1400');
    expect(inName).not.toContain('150324 1400');
    expect(inPhone).toContain('12 34 56 78');
    expect(m.cprInMessage).toContain('150324 1400');
  });
});
