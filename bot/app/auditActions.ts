// What an audit record says was done. A change, or a refusal of one, is named as the card verb that
// asks for it (bot/teams/actions/), so the audit reads like the protocol in cards/README.md; a read
// is named `<view>.read`.
import type { ReadPurpose } from './readCase';

/** The card verbs whose use case writes an audit record. */
export const VERB_ACTIONS = [
  'case.create',
  'case.select',
  'case.close',
  'case.erase',
  'team.addTeamsUser',
  'team.addExternal',
  'team.change',
  'team.remove',
  'team.handOver',
  'consent.record',
  'consent.withdraw',
  'meeting.open',
  'meeting.plan',
  'meeting.answer',
  'meeting.cancel',
  'meeting.close',
  'meeting.closeInternal',
  'goal.add',
  'goal.revise',
  'goal.mark',
  'agreement.add',
  'minutes.approve',
  'minutes.sendBack',
  'handOver.acknowledge',
  'feedback.given',
  'agreement.done',
  'agreement.move',
  'agreement.needsHelp',
  'agreement.change',
  'agreement.requestChange',
  'agreement.acceptChange',
  'agreement.declineChange',
  'plan.slipping',
  'network.add',
  'network.move',
  'network.remove',
  'network.link',
  'network.unlink',
  'network.toTeam',
  'intervention.add',
  'intervention.change',
  'intervention.status',
  'measures.wellbeing',
  'measures.readiness',
  'measures.measurer',
  'adultHandOver.record',
] as const;

export type AuditAction =
  | (typeof VERB_ACTIONS)[number]
  /** The `eksport` command and the download of its link: no card verb asks for it. */
  | 'case.export'
  /** The coordinator opened the network map's picture (the checklist asks whether the map was used). */
  | 'network.shown'
  /** Where the checklist was posted, recorded by the bot after `meeting.open`; where `afslut` posted its card. */
  | 'meeting.card'
  /** Where the case's base card was posted in a group chat, recorded by the bot after `case.create`. */
  | 'case.card'
  | `${ReadPurpose}.read`
  /** `mine`: my agreements, one record per case shown. */
  | 'agreements.read'
  /** `radar` and the tab's radar: the coordinator's cases that need attention, one record per case read. */
  | 'radar.read'
  /** The administrator's commands on units and leaders (app/organisation.ts), under `organisationAuditId`. */
  | 'unit.add'
  | 'leader.add'
  | 'leader.remove'
  | 'organisation.read'
  /** An administrator's move of a case to another unit (app/moveCase.ts): under the case; refused, under `organisationAuditId`. */
  | 'unit.move'
  /** A leader's half-yearly status of a unit, as a card, JSON or CSV (app/statistics.ts), under `organisationAuditId`. */
  | 'statistics.read';
