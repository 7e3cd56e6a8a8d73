// Every CPR number, in every form people paste it, is refused in every free-text field of the domain.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { createCase, validateYoungPerson } from '../../bot/domain/case';
import { questionsFor } from '../../bot/domain/checklist';
import { closeMeeting, sendBackMinutes } from '../../bot/domain/closing';
import { recordConsent } from '../../bot/domain/consent';
import { containsCpr } from '../../bot/domain/cpr';
import { addAgreement, addGoal, markGoal, reviseGoal } from '../../bot/domain/goals';
import { answerChecklist, cancelMeeting, openMeeting } from '../../bot/domain/meeting';
import { addMember, changeMember } from '../../bot/domain/team';
import { codeOf } from '../support/refusals';
import { COORDINATOR, NOW, TENANT, sampleCase } from './fixtures';

const by = COORDINATOR.aadObjectId;

/** The zero of every run of ten Unicode decimal digits (ASCII, full-width, Arabic-Indic, Devanagari, …). */
const DIGIT_ZEROS: number[] = (() => {
  const isDigit = (code: number) => /\p{Nd}/u.test(String.fromCodePoint(code));
  const zeros: number[] = [];
  for (let code = 0; code <= 0x10ffff; code++) {
    if (isDigit(code) && !isDigit(code - 1)) for (let zero = code; isDigit(zero); zero += 10) zeros.push(zero);
  }
  return zeros;
})();

const DASHES = ['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\ufe63', '\uff0d'];
const SPACES = [' ', '\u00a0', '\u202f', '\u2009', '\u3000'];
const SERIAL_SEPARATORS = ['', ...DASHES, ...SPACES, ' - ', ' \u2013 ', '/', '.', '\t'];
const DATE_SEPARATORS = ['.', '/', '. ', ...DASHES, ...SPACES];
const FORMAT_CHARACTERS = ['\u200b', '\u00ad', '\u2060', '\u200c', '\u200d', '\ufeff'];

/** The seventh digits that put a birth year in its century (the CPR office's table). */
function seventhDigitsFor(year: number): number[] {
  const yy = year % 100;
  if (year < 1900) return [5, 6, 7, 8];
  if (year < 2000) return [0, 1, 2, 3, ...(yy >= 37 ? [4, 9] : [])];
  return yy <= 36 ? [4, 9, 5, 6, 7, 8] : [5, 6, 7, 8];
}

const pad = (value: number, length: number) => String(value).padStart(length, '0');

const cprNumber = fc
  .record({
    day: fc.integer({ min: Date.UTC(1858, 0, 1) / 86_400_000, max: Date.UTC(2057, 11, 31) / 86_400_000 }),
    seventhIndex: fc.nat(),
    serial: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ day, seventhIndex, serial }) => {
    const date = new Date(day * 86_400_000);
    const sevenths = seventhDigitsFor(date.getUTCFullYear());
    return {
      dd: pad(date.getUTCDate(), 2),
      mm: pad(date.getUTCMonth() + 1, 2),
      yy: pad(date.getUTCFullYear() % 100, 2),
      serial: `${sevenths[seventhIndex % sevenths.length]}${pad(serial, 3)}`,
    };
  });

const rendering = fc
  .record({
    cpr: cprNumber,
    layout: fc.constantFrom('compact', 'pairs', 'phone'),
    dateSeparator: fc.constantFrom(...DATE_SEPARATORS),
    serialSeparator: fc.constantFrom(...SERIAL_SEPARATORS),
    zero: fc.constantFrom(...DIGIT_ZEROS),
    formatCharacters: fc.array(fc.record({ at: fc.nat(), character: fc.constantFrom(...FORMAT_CHARACTERS) }), { maxLength: 3 }),
    before: fc.constantFrom('', 'Mor, ', 'CPR: ', 'Emil (', '1. ', 'nr.\u00a0'),
    after: fc.constantFrom('', ' ringede', ')', '.', ', tlf. ukendt'),
  })
  .map(({ cpr: { dd, mm, yy, serial }, layout, dateSeparator, serialSeparator, zero, formatCharacters, before, after }) => {
    const ascii =
      layout === 'compact'
        ? `${dd}${mm}${yy}${serialSeparator}${serial}`
        : layout === 'pairs'
          ? `${dd}${dateSeparator}${mm}${dateSeparator}${yy}${serialSeparator || '-'}${serial}`
          : `${dd} ${mm} ${yy} ${serial.slice(0, 2)} ${serial.slice(2)}`;
    let text = [...ascii].map((character) => (/\d/.test(character) ? String.fromCodePoint(zero + Number(character)) : character)).join('');
    for (const { at, character } of formatCharacters) {
      const position = at % (text.length + 1);
      text = text.slice(0, position) + character + text.slice(position);
    }
    return `${before}${text}${after}`;
  });

const teamsMember = { kind: 'teams' as const, aadObjectId: 'aad-jonas', name: 'Jonas Jensen' };
const youngPerson = { name: 'Emil Hansen', birthDate: '2008-03-14', status: 'neither' };
const agreement = { action: 'Ringe til erhvervsskolen', ownerMemberId: 'm-jonas', followUpOn: '2026-12-01', followUpMethod: 'phone' };
const closing = {
  waitingArrangement: 'Jonas holder kontakten',
  feedbackMemberId: 'm-coordinator',
  eyeKeeperMemberId: 'm-jonas',
  acuteContactMemberId: 'm-jonas',
  nextMeetingDate: '2027-02-15',
  summary: 'Fokus på uddannelse.',
  confirmEmptySections: true,
};

function withTeam(): Case {
  return addMember(sampleCase(), { role: 'youthGuidance', person: teamsMember }, 'm-jonas', by, NOW);
}
const withGoal = () => addGoal(withTeam(), { theme: 'education', longTermGoal: 'Blive tømrer' }, 'goal-1', by, NOW);
const withOpenMeeting = () => openMeeting(withTeam(), 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
const withClosedMeeting = () => closeMeeting(withOpenMeeting(), 'meeting-1', closing, 'meeting-2', by, NOW);

const textQuestions = questionsFor(withTeam().members, true).filter((question) => question.kind === 'text');

/** Every free-text field a person fills in, by the domain function that takes it. */
const FIELDS: Array<[string, (text: string) => unknown]> = [
  ['young person: name', (text) => validateYoungPerson({ ...youngPerson, name: text }, NOW)],
  ['young person: phone', (text) => validateYoungPerson({ ...youngPerson, phone: text }, NOW)],
  ['young person: email', (text) => validateYoungPerson({ ...youngPerson, email: text }, NOW)],
  ['young person: address', (text) => validateYoungPerson({ ...youngPerson, address: text }, NOW)],
  ['case: the creator’s name', (text) => createCase(TENANT, { ...COORDINATOR, name: text }, youngPerson, { caseId: 'c', reference: 'S-X', coordinatorMemberId: 'm-c', youngPersonMemberId: 'm-y' }, NOW)],
  ['team add: Teams member name', (text) => addMember(sampleCase(), { role: 'vip', person: { ...teamsMember, name: text } }, 'm', by, NOW)],
  ['team add: external name', (text) => addMember(sampleCase(), { role: 'vip', person: { kind: 'external', name: text } }, 'm', by, NOW)],
  ['team add: external phone', (text) => addMember(sampleCase(), { role: 'vip', person: { kind: 'external', name: 'Karen', phone: text } }, 'm', by, NOW)],
  ['team add: external email', (text) => addMember(sampleCase(), { role: 'vip', person: { kind: 'external', name: 'Karen', email: text } }, 'm', by, NOW)],
  ['team add: "others" (who)', (text) => addMember(sampleCase(), { role: 'other', otherRoleName: text, person: teamsMember }, 'm', by, NOW)],
  ['team add: support offer', (text) => addMember(sampleCase(), { role: 'vip', person: teamsMember, supportOffer: text }, 'm', by, NOW)],
  ['team change: "others" (who)', (text) => changeMember(withTeam(), { memberId: 'm-jonas', role: 'other', otherRoleName: text }, by, NOW)],
  ['team change: support offer', (text) => changeMember(withTeam(), { memberId: 'm-jonas', role: 'vip', supportOffer: text }, by, NOW)],
  [
    'consent: holder of parental responsibility',
    (text) => recordConsent(sampleCase(), { givenByYoungPerson: true, parentalHolderName: text, givenOn: '2026-11-20', expiresOn: '2027-11-20', partyMemberIds: [] }, 'k', by, NOW),
  ],
  ['meeting cancelled: other reason', (text) => cancelMeeting(withOpenMeeting(), 'meeting-1', 'other', text, by, NOW)],
  ...textQuestions.map(({ id }): [string, (text: string) => unknown] => [`checklist: ${id}`, (text) => answerChecklist(withOpenMeeting(), 'meeting-1', { [id]: text }, by, NOW)]),
  ['goal added: long-term goal', (text) => addGoal(withTeam(), { theme: 'education', longTermGoal: text }, 'g', by, NOW)],
  ['goal added: sub-goals', (text) => addGoal(withTeam(), { theme: 'education', longTermGoal: 'Blive tømrer', subGoals: text }, 'g', by, NOW)],
  ['goal revised: long-term goal', (text) => reviseGoal(withGoal(), 'goal-1', { theme: 'education', longTermGoal: text }, by, NOW)],
  ['goal revised: sub-goals', (text) => reviseGoal(withGoal(), 'goal-1', { theme: 'education', longTermGoal: 'Blive tømrer', subGoals: text }, by, NOW)],
  ['goal marked: reason', (text) => markGoal(withGoal(), 'goal-1', false, text, by, NOW)],
  ['agreement: action', (text) => addAgreement(withGoal(), 'goal-1', { ...agreement, action: text }, 'a', by, NOW)],
  ['agreement: how followed up ("other")', (text) => addAgreement(withGoal(), 'goal-1', { ...agreement, followUpMethod: 'other', followUpMethodOther: text }, 'a', by, NOW)],
  ['closing: waiting arrangement', (text) => closeMeeting(withOpenMeeting(), 'meeting-1', { ...closing, waitingArrangement: text }, 'meeting-2', by, NOW)],
  ['closing: summary', (text) => closeMeeting(withOpenMeeting(), 'meeting-1', { ...closing, summary: text }, 'meeting-2', by, NOW)],
  ['minutes sent back: changes', (text) => sendBackMinutes(withClosedMeeting(), 'meeting-1', text, by, NOW)],
];

describe('CPR numbers as people paste them', () => {
  it('renders digits of every script the property draws from', () => {
    expect(DIGIT_ZEROS.length).toBeGreaterThan(60);
    expect(DIGIT_ZEROS).toEqual(expect.arrayContaining([0x30, 0x660, 0x966, 0xff10]));
  });

  it('are found by the detector (the one chat messages go through too)', () => {
    fc.assert(fc.property(rendering, (text) => containsCpr(text)), { numRuns: 2000 });
  });

  it('covers the checklist’s text questions', () => {
    expect(textQuestions.map((question) => question.id)).toEqual(expect.arrayContaining(['otherName_1', 'otherReason_10', 'absenceReason_m-jonas', 'roleAbsenceReason_jobcentre']));
  });

  it.each(FIELDS)('are refused in %s', (_field, fill) => {
    fc.assert(fc.property(rendering, (text) => codeOf(() => fill(text)) === 'cprNotAllowed'), { numRuns: 150 });
  });
});
