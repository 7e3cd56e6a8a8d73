// The coordinator's glance of one case, on cases built with the domain functions: who keeps an eye and
// whether they acknowledged, meetings this calendar year against the model's three, consent running out.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../bot/domain/case';
import { acknowledgeHandOver, approveMinutes, closeMeeting } from '../../bot/domain/closing';
import { recordConsent } from '../../bot/domain/consent';
import { openMeeting } from '../../bot/domain/meeting';
import { addMember } from '../../bot/domain/team';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { addIntervention, changeIntervention, setInterventionStatus } from '../../bot/domain/interventions';
import { caseDetails } from '../../bot/tab/caseDetailsView';
import { tabView } from '../../bot/tab/tabView';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';

const by = COORDINATOR.aadObjectId;
const LATER = new Date('2026-11-25T12:00:00Z');

function heldAndApproved(): Case {
  const team = addMember(sampleCase(), { role: 'housingSupport', person: { kind: 'teams', aadObjectId: 'aad-ali', name: 'Ali Khan' } }, 'm-ali', by, NOW);
  const open = openMeeting(team, 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
  const closed = closeMeeting(
    open,
    'meeting-1',
    {
      waitingArrangement: 'Ali holder kontakten',
      feedbackMemberId: 'm-coordinator',
      eyeKeeperMemberId: 'm-ali',
      acuteContactMemberId: 'm-ali',
      nextMeetingDate: '2027-02-15',
      nextMeetingTime: '09:00',
      summary: 'Fokus på uddannelse.',
      confirmEmptySections: true,
    },
    'meeting-2',
    by,
    NOW,
  );
  return approveMinutes(closed, 'meeting-1', '2026-11-24', by, LATER);
}

function glanceOf(current: Case, now: Date) {
  const viewer = current.members.find((member) => member.role === 'coordinator')!;
  const view = tabView({ cases: [{ case: current, viewer }], withheld: [], agreements: { agreements: [], withheld: [] }, leader: false }, da, now);
  expect(view.memberCases).toEqual([]);
  return view.coordinatorCases[0]!;
}

describe("the coordinator's glance", () => {
  it('names the eye-keeper of the approved meeting and whether they acknowledged the hand-over', () => {
    const approved = heldAndApproved();
    expect(glanceOf(approved, LATER).eyeKeeper).toEqual({ name: 'Ali Khan', acknowledged: false });
    expect(glanceOf(acknowledgeHandOver(approved, 'meeting-1', LATER), LATER).eyeKeeper).toEqual({ name: 'Ali Khan', acknowledged: true });
    expect(glanceOf(sampleCase(), NOW)).not.toHaveProperty('eyeKeeper');
  });

  it('counts the meetings held in the last twelve months against three (not the calendar year), and the planned next meeting without a number', () => {
    const approved = heldAndApproved();
    expect(glanceOf(approved, LATER)).toMatchObject({ meetingsLastYear: { held: 1, target: 3 }, nextMeeting: { startsAt: '2027-02-15T08:00:00.000Z', open: false } });
    expect(glanceOf(approved, new Date('2027-01-05T09:00:00Z')).meetingsLastYear).toEqual({ held: 1, target: 3 });
    expect(glanceOf(approved, new Date('2027-11-24T09:00:00Z')).meetingsLastYear).toEqual({ held: 0, target: 3 });
  });

  it('flags a consent that runs out within 30 days, and one that is missing', () => {
    const consented = recordConsent(sampleCase(), { givenByYoungPerson: true, parentalHolderName: 'Hanne Hansen', givenOn: '2026-01-10', expiresOn: '2027-01-10', partyMemberIds: ['m-young'] }, 'consent-1', by, NOW);
    expect(glanceOf(consented, NOW).consent).toEqual({ valid: true, expiresOn: '2027-01-10', expiringSoon: false });
    expect(glanceOf(consented, new Date('2026-12-15T09:00:00Z')).consent).toEqual({ valid: true, expiresOn: '2027-01-10', expiringSoon: true });
    expect(glanceOf(consented, new Date('2027-01-11T09:00:00Z')).consent).toEqual({ valid: false, expiringSoon: false });
    expect(glanceOf(sampleCase(), NOW).consent).toEqual({ valid: false, expiringSoon: false });
  });
});

describe('internal coordination meetings in the tab (seed 003: the professionals\' own)', () => {
  const withInternal = () => {
    const team = addMember(sampleCase(), { role: 'vip', person: { kind: 'teams', aadObjectId: 'aad-vip', name: 'Vera Voksen' } }, 'm-vip', by, NOW);
    return openMeeting(team, 'internal-1', { date: '2026-11-23', time: '10:00' }, by, NOW, 'internal');
  };

  it('are not counted against the model\'s three meetings a year', () => {
    expect(glanceOf(withInternal(), LATER).meetingsLastYear).toEqual({ held: 0, target: 3 });
  });

  it("are in the coordinator's case details and not in the VIP's", () => {
    const current = withInternal();
    const member = (role: string) => current.members.find((candidate) => candidate.role === role)!;
    expect(caseDetails(current, member('coordinator'), da, LATER).meetings).toHaveLength(1);
    expect(caseDetails(current, member('vip'), da, LATER).meetings).toEqual([]);
  });
});

describe('the intervention overview in the tab', () => {
  it('lists the interventions as the card does, active first, in the reader\'s language, each with who initiated it and its history', () => {
    const team = addMember(sampleCase(), { role: 'housingSupport', person: { kind: 'teams', aadObjectId: 'aad-ali', name: 'Ali Khan' } }, 'm-ali', by, NOW);
    const planned = addIntervention(team, { what: 'Bostøtte', memberId: 'm-ali', from: '2027-01-01' }, by, NOW);
    const active = addIntervention(planned, { what: 'Mentor', administration: 'Jobcenter', why: 'Fremmøde', from: '2026-12-01', to: '2027-05-31', status: 'active' }, by, NOW);
    const current = setInterventionStatus(active, 'i2', 'paused', by, LATER);
    const details = caseDetails(current, current.members[0]!, da, LATER).interventions;
    expect(details).toEqual([
      { what: 'Bostøtte', status: da.cards.interventions.statuses.planned, from: '2027-01-01', initiatedBy: 'Ali Khan', history: [{ at: NOW.toISOString(), kind: 'added', status: da.cards.interventions.statuses.planned }] },
      {
        what: 'Mentor',
        status: da.cards.interventions.statuses.paused,
        from: '2026-12-01',
        to: '2027-05-31',
        initiatedBy: 'Jobcenter',
        why: 'Fremmøde',
        history: [
          { at: NOW.toISOString(), kind: 'added', status: da.cards.interventions.statuses.active },
          { at: LATER.toISOString(), kind: 'status', status: da.cards.interventions.statuses.paused },
        ],
      },
    ]);
    expect(caseDetails(setInterventionStatus(current, 'i2', 'active', by, LATER), current.members[0]!, en, LATER).interventions.map((intervention) => intervention.status)).toEqual(['Active', 'Planned']);
    const edited = changeIntervention(current, 'i1', { to: '2027-06-30', why: 'Egen bolig' }, by, LATER);
    expect(caseDetails(edited, current.members[0]!, da, LATER).interventions[0]!.history.at(-1)).toEqual({ at: LATER.toISOString(), kind: 'changed', fields: 'hvorfor, til' });
  });
});
