// Which meeting the side panel shows, on cases built with the domain functions: the open one, else the
// one awaiting approval, else the next planned one, and never an internal meeting to the young person's adult (VIP), who sees the
// network meeting instead.
import { describe, expect, it } from 'vitest';
import type { Case, TeamMember } from '../../bot/domain/case';
import { approveMinutes, closeMeeting } from '../../bot/domain/closing';
import { openMeeting, planMeeting } from '../../bot/domain/meeting';
import { addMember } from '../../bot/domain/team';
import { da } from '../../bot/i18n/da';
import { meetingPanel, panelMeetingOf } from '../../bot/tab/meetingPanelView';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';

const by = COORDINATOR.aadObjectId;
const LATER = new Date('2026-11-25T12:00:00Z');

function withVip(): Case {
  return addMember(sampleCase(), { role: 'vip', person: { kind: 'teams', aadObjectId: 'aad-vip', name: 'Hanne Holm' } }, 'm-vip', by, NOW);
}
const member = (current: Case, id: string): TeamMember => current.members.find((candidate) => candidate.id === id)!;

describe('the meeting in the side panel', () => {
  const planned = planMeeting(planMeeting(withVip(), 'network', { date: '2026-12-03', time: '10:00' }, by, NOW), 'internal', { date: '2026-11-26', time: '09:00' }, by, NOW, 'internal');

  it('is the next planned meeting the reader may read', () => {
    expect(panelMeetingOf(planned, member(planned, 'm-coordinator'))?.id).toBe('internal');
    expect(panelMeetingOf(planned, member(planned, 'm-vip'))?.id).toBe('network');
  });

  it('is the open meeting, but never an internal one to the VIP', () => {
    const open = openMeeting(planned, 'ignored', { date: '2026-11-23', time: '10:00' }, by, NOW, 'internal');
    expect(panelMeetingOf(open, member(open, 'm-coordinator'))?.id).toBe('internal');
    expect(panelMeetingOf(open, member(open, 'm-vip'))?.id).toBe('network');
    // Asked for by id, an internal meeting is still not shown to the VIP.
    expect(meetingPanel(open, member(open, 'm-vip'), da, { meetingId: 'internal' }).meeting).toBeUndefined();
  });

  it('is, once the meeting is closed, the one held until its minutes are approved, then the next planned', () => {
    const open = openMeeting(withVip(), 'meeting-1', { date: '2026-11-23', time: '10:00' }, by, NOW);
    const closing = { waitingArrangement: 'Ingen', feedbackMemberId: 'm-coordinator', eyeKeeperMemberId: 'm-coordinator', acuteContactMemberId: 'm-coordinator', summary: 'Fokus på uddannelse.', confirmEmptySections: true };
    const closed = closeMeeting(open, 'meeting-1', { ...closing, nextMeetingDate: '2027-02-15', nextMeetingTime: '09:00' }, 'meeting-2', by, NOW);
    expect(panelMeetingOf(closed, member(closed, 'm-coordinator'))?.id).toBe('meeting-1');
    const approved = approveMinutes(closed, 'meeting-1', '2026-11-24', by, LATER);
    expect(panelMeetingOf(approved, member(approved, 'm-coordinator'))?.id).toBe('meeting-2');
  });

  it('is none when nothing is open or planned: the panel says so and still shows the goals form', () => {
    const current = withVip();
    const view = meetingPanel(current, member(current, 'm-coordinator'), da);
    expect(view.meeting).toBeUndefined();
    expect(view.noMeeting).toBe(da.tab.meeting.noMeeting);
    expect(view.goals.canWrite).toBe(true);
  });
});
