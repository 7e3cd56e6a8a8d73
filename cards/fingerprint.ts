// A checklist card sends back what each input showed (`seen`) so that only the inputs a person
// changed are saved. A short fingerprint of the value is enough to tell, and keeps the card small.
import { createHash } from 'node:crypto';

export function answerFingerprint(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 10);
}
