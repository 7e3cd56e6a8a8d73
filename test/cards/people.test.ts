// How a member's role is named: an "other" role by the free text that says who, in the user's language.
import { describe, expect, it } from 'vitest';
import type { TeamMember } from '../../bot/domain/case';
import { da } from '../../bot/i18n/da';
import { en } from '../../bot/i18n/en';
import { nameWithRole, roleName, shortRole } from '../../cards/people';

const mentor: TeamMember = { id: 'm-1', role: 'other', otherRoleName: 'Mentor fra fodboldklubben', person: { kind: 'external', name: 'Ole' }, addedAt: '2026-11-23T09:00:00.000Z' };

describe('a role on a card', () => {
  it('names an "other" role by what the coordinator typed, in Danish and English', () => {
    expect(roleName(mentor, da)).toBe('Andre: Mentor fra fodboldklubben');
    expect(roleName(mentor, en)).toBe('Others: Mentor fra fodboldklubben');
    expect(shortRole({ ...mentor, otherRoleName: 'x'.repeat(100) }, da)).toBe(`Andre: ${'x'.repeat(23)}…`);
  });

  it('names every other role as the model does, and "other" without a text as the choice says', () => {
    expect(roleName({ ...mentor, role: 'vip' }, da)).toBe('Den unges voksen (VIP)');
    expect(roleName({ ...mentor, otherRoleName: undefined }, en)).toBe('Others (say who)');
  });
});

describe('a name with its role', () => {
  it('puts the role in brackets, unless either has brackets of its own: then a comma, never brackets within brackets', () => {
    expect(nameWithRole('Jonas Jensen', 'UU-vejleder')).toBe('Jonas Jensen (UU-vejleder)');
    expect(nameWithRole('Anna', 'Andre: Jobcenter (rådgiver)')).toBe('Anna, Andre: Jobcenter (rådgiver)');
    expect(nameWithRole('Karen Hansen (ekstern)', roleName({ ...mentor, role: 'vip' }, da))).toBe('Karen Hansen (ekstern), Den unges voksen (VIP)');
  });
});
