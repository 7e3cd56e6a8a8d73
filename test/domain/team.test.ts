import { describe, expect, it } from 'vitest';
import { coordinatorOf, memberByAadObjectId } from '../../bot/domain/case';
import { codeOf } from '../support/refusals';
import { ASSIGNABLE_ROLES, TEAM_ROLES } from '../../bot/domain/roles';
import { MAX_TEAM_SIZE, addMember, changeMember, handOverCoordinator, removeMember } from '../../bot/domain/team';
import { COORDINATOR, NOW, sampleCase } from './fixtures';

const by = COORDINATOR.aadObjectId;
const jonas = { kind: 'teams' as const, aadObjectId: 'aad-jonas', name: 'Jonas Jensen' };


describe('the team', () => {
  it('has every role of the network overview (seed 001), the young person and "others"', () => {
    expect(TEAM_ROLES).toHaveLength(20);
    expect(ASSIGNABLE_ROLES).not.toContain('coordinator');
    expect(ASSIGNABLE_ROLES).not.toContain('youngPerson');
    expect(ASSIGNABLE_ROLES).toContain('vip');
    expect(ASSIGNABLE_ROLES).toContain('youthGuidance');
    expect(ASSIGNABLE_ROLES).toContain('other');
  });

  it('adds a Teams user and an external person with what they can help with', () => {
    const withJonas = addMember(sampleCase(), { role: 'youthGuidance', person: jonas, supportOffer: 'Uddannelsesvalg' }, 'm-jonas', by, NOW);
    const withVip = addMember(withJonas, { role: 'vip', person: { kind: 'external', name: 'Karen Hansen', phone: '22334455' } }, 'm-vip', by, NOW);
    expect(memberByAadObjectId(withVip, 'aad-jonas')).toMatchObject({ id: 'm-jonas', role: 'youthGuidance', supportOffer: 'Uddannelsesvalg' });
    expect(withVip.members.find((member) => member.id === 'm-vip')).toMatchObject({
      role: 'vip',
      person: { kind: 'external', name: 'Karen Hansen', phone: '22334455' },
    });
    expect(withVip.history.map((event) => event.kind)).toEqual(['caseCreated', 'memberAdded', 'memberAdded']);
  });

  it('requires a name for "others" and refuses roles that are not given by the team card', () => {
    expect(codeOf(() => addMember(sampleCase(), { role: 'other', person: jonas }, 'm', by, NOW))).toBe('otherRoleNeedsName');
    expect(addMember(sampleCase(), { role: 'other', otherRoleName: 'Fodboldtræner', person: jonas }, 'm', by, NOW).members.at(-1)).toMatchObject({
      role: 'other',
      otherRoleName: 'Fodboldtræner',
    });
    expect(codeOf(() => addMember(sampleCase(), { role: 'coordinator', person: jonas }, 'm', by, NOW))).toBe('roleNotAssignable');
    expect(codeOf(() => addMember(sampleCase(), { role: 'youngPerson', person: jonas }, 'm', by, NOW))).toBe('roleNotAssignable');
    expect(codeOf(() => addMember(sampleCase(), { role: 'pilot', person: jonas }, 'm', by, NOW))).toBe('roleNotAssignable');
  });

  it('refuses the same Teams user twice and a CPR number in any field', () => {
    const once = addMember(sampleCase(), { role: 'youthGuidance', person: jonas }, 'm1', by, NOW);
    expect(codeOf(() => addMember(once, { role: 'jobcentre', person: jonas }, 'm2', by, NOW))).toBe('memberAlreadyOnTeam');
    expect(codeOf(() => addMember(sampleCase(), { role: 'vip', person: { kind: 'external', name: 'Karen 010203-1234' } }, 'm', by, NOW))).toBe(
      'cprNotAllowed',
    );
    expect(codeOf(() => addMember(sampleCase(), { role: 'vip', person: jonas, supportOffer: '0102031234' }, 'm', by, NOW))).toBe('cprNotAllowed');
  });

  it('refuses a CPR number written as an external member\'s phone number', () => {
    const karen = (phone: string) => ({ kind: 'external' as const, name: 'Karen', phone });
    expect(codeOf(() => addMember(sampleCase(), { role: 'vip', person: karen('01 02 03 12 34') }, 'm', by, NOW))).toBe('cprNotAllowed');
    expect(addMember(sampleCase(), { role: 'vip', person: karen('+45 12 34 56 78') }, 'm', by, NOW).members).toHaveLength(3);
  });

  it('adds a colleague whose Entra id happens to look like a CPR number: ids are not checked for CPR', () => {
    const person = { ...jonas, aadObjectId: 'aaa7487f-db27-4080-ab0d-1811059406a8', teamsUserId: '29:1-010203-1234' };
    expect(memberByAadObjectId(addMember(sampleCase(), { role: 'vip', person }, 'm', by, NOW), person.aadObjectId)?.person).toEqual(person);
  });

  it('changes a role and removes a member, but never the coordinator or the young person', () => {
    const withJonas = addMember(sampleCase(), { role: 'youthGuidance', person: jonas }, 'm-jonas', by, NOW);
    const changed = changeMember(withJonas, { memberId: 'm-jonas', role: 'jobcentre' }, by, NOW);
    expect(memberByAadObjectId(changed, 'aad-jonas')?.role).toBe('jobcentre');
    const removed = removeMember(changed, 'm-jonas', by, NOW);
    expect(memberByAadObjectId(removed, 'aad-jonas')).toBeUndefined();
    expect(removed.history.map((event) => event.kind).slice(-2)).toEqual(['memberChanged', 'memberRemoved']);
    expect(codeOf(() => removeMember(changed, 'm-coordinator', by, NOW))).toBe('coordinatorCannotBeChanged');
    expect(codeOf(() => removeMember(changed, 'm-young', by, NOW))).toBe('coordinatorCannotBeChanged');
    expect(codeOf(() => changeMember(changed, { memberId: 'm-coordinator', role: 'school' }, by, NOW))).toBe('coordinatorCannotBeChanged');
    expect(codeOf(() => removeMember(changed, 'nobody', by, NOW))).toBe('memberNotFound');
  });

  it('hands the coordinator role over as a recorded change, keeping exactly one coordinator', () => {
    const withJonas = addMember(sampleCase(), { role: 'caseworkerChildren', person: jonas }, 'm-jonas', by, NOW);
    const handedOver = handOverCoordinator(withJonas, 'm-jonas', 'caseworkerAdults', by, NOW);
    expect(coordinatorOf(handedOver).id).toBe('m-jonas');
    expect(handedOver.members.filter((member) => member.role === 'coordinator')).toHaveLength(1);
    expect(memberByAadObjectId(handedOver, COORDINATOR.aadObjectId)?.role).toBe('caseworkerAdults');
    expect(handedOver.history.at(-1)).toEqual({
      at: NOW.toISOString(),
      byAadObjectId: by,
      kind: 'coordinatorHandedOver',
      memberId: 'm-jonas',
      fromMemberId: 'm-coordinator',
    });
    const leaving = handOverCoordinator(withJonas, 'm-jonas', undefined, by, NOW);
    expect(memberByAadObjectId(leaving, COORDINATOR.aadObjectId)).toBeUndefined();
  });

  it('stops at the largest team size', () => {
    let current = sampleCase();
    for (let i = current.members.length; i < MAX_TEAM_SIZE; i++) {
      current = addMember(current, { role: 'school', person: { kind: 'external', name: `Person ${i}` } }, `m-${i}`, by, NOW);
    }
    expect(current.members).toHaveLength(MAX_TEAM_SIZE);
    expect(codeOf(() => addMember(current, { role: 'school', person: jonas }, 'm-more', by, NOW))).toBe('teamFull');
  });

  it('hands over only to a Teams user on the team', () => {
    const withVip = addMember(sampleCase(), { role: 'vip', person: { kind: 'external', name: 'Karen' } }, 'm-vip', by, NOW);
    expect(codeOf(() => handOverCoordinator(withVip, 'm-vip', undefined, by, NOW))).toBe('coordinatorMustBeTeamsUser');
    expect(codeOf(() => handOverCoordinator(withVip, 'm-young', undefined, by, NOW))).toBe('coordinatorMustBeTeamsUser');
    expect(codeOf(() => handOverCoordinator(withVip, 'm-coordinator', undefined, by, NOW))).toBe('alreadyCoordinator');
  });
});

describe("an external member's contact details (seed 001's network overview)", () => {
  const full = { phone: '+45 12 34 56 78', mainPhone: '70 11 22 33', email: 'ole@example.dk', postalAddress: 'Stadionvej 1, 5000 Odense C' };
  const withOle = () => addMember(sampleCase(), { role: 'other', otherRoleName: 'Fodboldtræner', person: { kind: 'external', name: 'Ole Berg', ...full } }, 'm-ole', by, NOW);
  const ole = (current: ReturnType<typeof sampleCase>) => current.members.find((member) => member.id === 'm-ole')!.person;

  it('are recorded as given: direct number, main number, e-mail, postal address', () => {
    expect(ole(withOle())).toEqual({ kind: 'external', name: 'Ole Berg', ...full });
  });

  it('are changed by the coordinator: a field given changes, a field given empty is cleared, a field left out (an older card) is kept', () => {
    const changed = changeMember(withOle(), { memberId: 'm-ole', role: 'other', otherRoleName: 'Fodboldtræner', contact: { mainPhone: '', email: 'ole.berg@example.dk' } }, by, NOW);
    expect(ole(changed)).toMatchObject({ phone: full.phone, email: 'ole.berg@example.dk', postalAddress: full.postalAddress });
    expect((ole(changed) as { mainPhone?: string }).mainPhone).toBeUndefined();
    const fromOldCard = changeMember(withOle(), { memberId: 'm-ole', role: 'other', otherRoleName: 'Fodboldtræner' }, by, NOW);
    expect(ole(fromOldCard)).toEqual(ole(withOle()));
  });

  it('pass the field rules: a CPR number, a wrong number or e-mail, too long a text are refused and named', () => {
    const change = (contact: Record<string, string>) => () => changeMember(withOle(), { memberId: 'm-ole', role: 'other', otherRoleName: 'Fodboldtræner', contact }, by, NOW);
    expect(codeOf(change({ postalAddress: 'Stadionvej 1 140308-4123' }))).toBe('cprNotAllowed');
    expect(codeOf(change({ mainPhone: '12' }))).toBe('invalidPhone');
    expect(codeOf(change({ email: 'ole' }))).toBe('invalidEmail');
    expect(codeOf(change({ postalAddress: 'x'.repeat(201) }))).toBe('textTooLong');
    expect(codeOf(() => addMember(sampleCase(), { role: 'vip', person: { kind: 'external', name: 'Ole', postalAddress: 'Vej 140308-4123' } }, 'm-x', by, NOW))).toBe('cprNotAllowed');
  });

  it('are not given to a Teams user by a change', () => {
    const withJonas = addMember(sampleCase(), { role: 'school', person: { kind: 'teams', aadObjectId: 'aad-jonas', name: 'Jonas' } }, 'm-jonas', by, NOW);
    const changed = changeMember(withJonas, { memberId: 'm-jonas', role: 'school', contact: { phone: '12345678' } }, by, NOW);
    expect(changed.members.find((member) => member.id === 'm-jonas')!.person).toEqual({ kind: 'teams', aadObjectId: 'aad-jonas', name: 'Jonas' });
  });
});
