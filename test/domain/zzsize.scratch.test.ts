import { it } from 'vitest';
import { caseAtEveryLimit } from '../support/limitCase';
import { caseBytes } from '../../bot/domain/limits';
it('size', () => {
  const c = caseAtEveryLimit();
  const parts: Record<string, number> = {};
  for (const [k, v] of Object.entries(c)) parts[k] = Buffer.byteLength(JSON.stringify(v));
  console.log('TOTAL', caseBytes(c), 1024 * 1024 - caseBytes(c), JSON.stringify(parts));
  const hist = c.agreements.reduce((s, a) => s + Buffer.byteLength(JSON.stringify(a.history)), 0);
  console.log('agreement histories', hist);
}, 120000);
it('measures size', () => {
  const c = caseAtEveryLimit();
  console.log('MEASURES', Buffer.byteLength(JSON.stringify(c.measures)), c.measures!.who5.length, c.measures!.readiness.length, JSON.stringify(c.measures!.who5[1]), JSON.stringify(c.measures!.readiness[1]));
}, 120000);
