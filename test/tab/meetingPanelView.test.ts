// Which meeting the side panel shows, on cases built with the domain functions: the open one, else the
// next planned one, and never an internal meeting to the young person's adult (VIP), who sees the
// network meeting instead.
import { describe, expect, it } from 'vitest';
import type { Case, TeamMember } from '../../bot/domain/case';
import { openMeeting, planMeeting } from '../../bot/domain/meeting';
import { addMember } from '../../bot/domain/team';
import { da } from '../../bot/i18n/da';
import { meetingPanel, panelMeetingOf } from '../../bot/tab/meetingPanelView';
import { COORDINATOR, NOW, sampleCase } from '../domain/fixtures';

const by = COORDINATOR.aadObjectId;

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

  it('is none when nothing is open or planned: the panel says so and still shows the goals form', () => {
    const current = withVip();
    const view = meetingPanel(current, member(current, 'm-coordinator'), da);
    expect(view.meeting).toBeUndefined();
    expect(view.noMeeting).toBe(da.tab.meeting.noMeeting);
    expect(view.goals.canWrite).toBe(true);
  });
});
