// A case as the tests need it, built with the real domain functions.
import { type Case, createCase } from '../../bot/domain/case';

export const NOW = new Date('2026-11-23T09:00:00Z');
export const TENANT = 'tenant-a';
export const COORDINATOR = { aadObjectId: 'aad-coordinator', name: 'Mette Madsen', teamsUserId: '29:mette' };

export function sampleCase(overrides: { birthDate?: string } = {}): Case {
  return createCase(
    TENANT,
    COORDINATOR,
    { name: 'Emil Hansen', birthDate: overrides.birthDate ?? '2008-03-14', phone: '+45 12 34 56 78', email: 'emil@example.dk', address: 'Vestergade 12, 2. th.', postalCode: '5000', city: 'Odense C', status: 'neither' },
    { caseId: 'case-1', reference: 'S-ABCDE', coordinatorMemberId: 'm-coordinator', youngPersonMemberId: 'm-young' },
    NOW,
  );
}
