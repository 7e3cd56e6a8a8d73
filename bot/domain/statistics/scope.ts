// What a status counts: which young people, meetings and agreements fall in its window.
import type { Case } from '../case';
import { type Meeting, isInternalMeeting } from '../meeting';
import type { StatusWindow } from './period';

/**
 * A meeting of the young person's network (netværksmøde), which the model's figures are about; an
 * internal coordination meeting of the professionals alone (seed 003) is not, and is left out here.
 */
export const isNetworkMeeting = (meeting: Meeting): boolean => !isInternalMeeting(meeting);

/** The young people whose case was open at some time in the window. */
export const casesIn = (cases: readonly Case[], window: StatusWindow): Case[] =>
  cases.filter((current) => current.createdAt < window.asOf && (current.closedAt === undefined || current.closedAt >= window.period.start));

/**
 * The network meetings that were to take place in the window, held or cancelled, by the time they were
 * set for. A meeting still open (or planned) is not counted: it has not been held yet.
 */
export const meetingsIn = (current: Case, window: StatusWindow, from: string = window.period.start): Meeting[] =>
  current.meetings.filter((meeting) => isNetworkMeeting(meeting) && (meeting.status === 'held' || meeting.status === 'cancelled') && meeting.startsAt >= from && meeting.startsAt < window.asOf);
