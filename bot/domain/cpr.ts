// A Danish CPR number is DDMMYY-SSSS; the seventh digit and the year give the century. Since 2007
// not every CPR number passes the modulus-11 check, so only the date decides: ten digits that form a
// real birth date are refused, ten digits that cannot (320199-1234) are not a CPR number.
//
// People paste CPR numbers in many forms (010203–1234, 01 02 03 12 34, 01.02.03-1234, full-width or
// Arabic-Indic digits, a soft hyphen inside), so the text is normalised first: NFKC, every decimal
// digit to ASCII, format characters removed. Then digits joined by separators (spacing with at most one
// dash, dot or slash) form a chain of groups, and any run of groups shaped like a CPR number is judged
// by its date: the date part is one group of six or three of two; the serial is one group of four, or
// two of two apart by spacing only (as a phone number is written). So "15.03.24 14.00" and the range
// "01.02.24-04.05.24" pass; the known false positive is a compact date and time: "150324 1400".

const SEPARATOR = String.raw`(?:\s*[\p{Pd}\u2212./\u2044\u2215]\s*|\s+)`;
const CHAIN = new RegExp(String.raw`\d+(?:${SEPARATOR}\d+)*`, 'gu');
const FORMAT_CHARACTERS = /\p{Cf}/gu;
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/gu;
const ND = /\p{Nd}/u;

/** Unicode assigns decimal digits in contiguous runs of ten, 0 to 9; the run's start gives the value. */
function asciiDigit(digit: string): string {
  const code = digit.codePointAt(0) ?? 0;
  let start = code;
  while (start > 0 && ND.test(String.fromCodePoint(start - 1))) start--;
  return String((code - start) % 10);
}

function normalised(text: string): string {
  return text.normalize('NFKC').replace(FORMAT_CHARACTERS, '').replace(NON_ASCII_DIGIT, asciiDigit);
}

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

function isCprDate(digits: string): boolean {
  const year = Number(digits.slice(4, 6));
  return isRealDate(centuryFor(year, Number(digits[6])) + year, Number(digits.slice(2, 4)), Number(digits.slice(0, 2)));
}

interface Group {
  digits: string;
  /** The separator before this group is spacing only. */
  afterSpace: boolean;
}

/** Ten digits in the groups a CPR number is written in: date part, then serial. */
function hasCprShape(groups: Group[]): boolean {
  const lengths = groups.map((group) => group.digits.length);
  if (lengths.length === 1) return true;
  const datePart = lengths[0] === 6 ? 1 : lengths[0] === 2 && lengths[1] === 2 && lengths[2] === 2 ? 3 : 0;
  const serial = lengths.slice(datePart).join(',');
  return datePart > 0 && (serial === '4' || (serial === '2,2' && groups[datePart + 1]?.afterSpace === true));
}

function groupsOf(chain: string): Group[] {
  return [...chain.matchAll(/(\D*)(\d+)/g)].map(([, separator = '', digits = '']) => ({ digits, afterSpace: /^\s+$/.test(separator) }));
}

export function containsCpr(text: string): boolean {
  for (const [chain] of normalised(text).matchAll(CHAIN)) {
    const groups = groupsOf(chain);
    for (let start = 0; start < groups.length; start++) {
      let length = 0;
      for (let end = start + 1; end <= groups.length && length < 10; end++) {
        const window = groups.slice(start, end);
        length += window[window.length - 1]?.digits.length ?? 0;
        if (length === 10 && hasCprShape(window) && isCprDate(window.map((group) => group.digits).join(''))) return true;
      }
    }
  }
  return false;
}
