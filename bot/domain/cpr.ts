// A Danish CPR number is DDMMYY-SSSS; the seventh digit and the year give the century. Since 2007
// not every CPR number passes the modulus-11 check, so only the date decides: ten digits that form a
// real birth date are refused, ten digits that cannot (320199-1234) are not a CPR number.

const CPR_CANDIDATE = /(?<!\d)(\d{2})(\d{2})(\d{2})[-\s]?(\d)(\d{3})(?!\d)/g;

function centuryFor(yearInCentury: number, seventhDigit: number): number {
  if (seventhDigit <= 3) return 1900;
  if (seventhDigit === 4 || seventhDigit === 9) return yearInCentury <= 36 ? 2000 : 1900;
  return yearInCentury <= 57 ? 2000 : 1800;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

export function containsCpr(text: string): boolean {
  for (const match of text.matchAll(CPR_CANDIDATE)) {
    const [, day, month, year, seventh] = match;
    const yearInCentury = Number(year);
    const fullYear = centuryFor(yearInCentury, Number(seventh)) + yearInCentury;
    if (isRealDate(fullYear, Number(month), Number(day))) return true;
  }
  return false;
}
