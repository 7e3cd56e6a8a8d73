// Concurrent answers never undo each other: of what a checklist card sends, only the inputs the person
// changed count, measured against what their card showed (`seen` holds a fingerprint per input).
import { answerFingerprint } from '../../cards/fingerprint';

export function changedAnswers(submitted: Record<string, unknown>, seen: Record<string, string>): Record<string, string> {
  const changes: Record<string, string> = {};
  for (const [questionId, shownFingerprint] of Object.entries(seen)) {
    const value = submitted[questionId];
    const answer = typeof value === 'string' ? value : '';
    if (answerFingerprint(answer) !== shownFingerprint) changes[questionId] = answer;
  }
  return changes;
}
