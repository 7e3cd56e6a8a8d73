// A closed meeting's PDF documents (issue 15 §4), for its coordinator: the minutes for the case file, and
// the young person's own copy. Asked for with `dokumenter`, fetched once through a short-lived link
// (exportLinks.ts); the read is audited when the link is opened, as the export's is.
import type { Case } from '../domain/case';
import type { Closure } from '../domain/closing';
import { DomainError } from '../domain/errors';
import type { Meeting } from '../domain/meeting';
import type { ActorId, AppDeps } from './context';
import { readCase } from './readCase';

export interface DocumentedMeeting {
  case: Case;
  meeting: Meeting & { closure: Closure };
}

/** The case and its closed meeting, for the coordinator only; audited as `documents.read` (or denied). */
export async function readMeetingDocuments(deps: AppDeps, actor: ActorId, caseId: string, meetingId: string): Promise<DocumentedMeeting> {
  const { case: current } = await readCase(deps, actor, caseId, 'documents');
  const meeting = current.meetings.find((candidate) => candidate.id === meetingId);
  if (!meeting?.closure) throw new DomainError('noClosedMeeting');
  return { case: current, meeting: { ...meeting, closure: meeting.closure } };
}
