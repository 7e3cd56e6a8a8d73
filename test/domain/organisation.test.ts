// A municipality's units and leaders, and who may read which unit's figures (access.ts).
import { describe, expect, it } from 'vitest';
import { administratorKey, isLeader, requireAdministrator, requireLeaderOf } from '../../bot/domain/access';
import { addLeader, addUnit, emptyOrganisation, isDefaultUnit, removeLeader, unitsLedBy } from '../../bot/domain/organisation';
import { codeOf } from '../support/refusals';

const LENE = '1b1b1b1b-0000-4000-8000-00000000000b';
const LEO = '2c2c2c2c-0000-4000-8000-00000000000c';
const twoUnits = () => addLeader(addLeader(addUnit(addUnit(emptyOrganisation('tenant-a'), 'u-nord', ' Nord '), 'u-syd', 'Syd'), LENE, 'nord'), LEO, 'SYD');

describe('units and leaders', () => {
  it('names units once (case forgiven), the first the default', () => {
    const organisation = twoUnits();
    expect(organisation.units).toEqual([{ id: 'u-nord', name: 'Nord' }, { id: 'u-syd', name: 'Syd' }]);
    expect(isDefaultUnit(organisation, 'u-nord')).toBe(true);
    expect(isDefaultUnit(organisation, 'u-syd')).toBe(false);
    expect(codeOf(() => addUnit(organisation, 'u-x', 'NORD'))).toBe('unitExists');
    expect(codeOf(() => addUnit(organisation, 'u-x', '  '))).toBe('fieldRequired');
  });

  it('makes leaders by Entra object id of a unit that exists, and takes them off again', () => {
    const organisation = twoUnits();
    expect(unitsLedBy(organisation, LENE).map((unit) => unit.name)).toEqual(['Nord']);
    expect(codeOf(() => addLeader(organisation, 'lene@kommune.dk', 'Nord'))).toBe('invalidObjectId');
    expect(codeOf(() => addLeader(organisation, LENE, 'Vest'))).toBe('unitNotFound');
    expect(codeOf(() => addLeader(organisation, LENE.toUpperCase(), 'Nord'))).toBe('alreadyLeader');
    const both = addLeader(organisation, LENE, 'Syd');
    expect(unitsLedBy(both, LENE).map((unit) => unit.id)).toEqual(['u-nord', 'u-syd']);
    expect(unitsLedBy(removeLeader(both, LENE, 'Syd'), LENE).map((unit) => unit.id)).toEqual(['u-nord']);
    expect(removeLeader(both, LENE).leaders.map((leader) => leader.aadObjectId)).toEqual([LEO]);
    expect(codeOf(() => removeLeader(organisation, LENE, 'Syd'))).toBe('leaderNotFound');
  });
});

describe('who reads which unit', () => {
  it("lets a leader read their own units only, and nobody else any", () => {
    const organisation = twoUnits();
    expect(requireLeaderOf(organisation, LENE).id).toBe('u-nord');
    expect(codeOf(() => requireLeaderOf(organisation, LENE, 'u-syd'))).toBe('notLeaderOfUnit');
    expect(codeOf(() => requireLeaderOf(organisation, 'aad-mette'))).toBe('notLeader');
    // Another tenant's organisation knows nobody of this one.
    expect(codeOf(() => requireLeaderOf(emptyOrganisation('tenant-b'), LENE))).toBe('notLeader');
  });

  it('lets only the administrators named in the settings set them up, each in their own tenant', () => {
    const ANNA = '0a0a0a0a-0000-4000-8000-00000000000a';
    const administrators = new Set([administratorKey('tenant-a', ANNA)]);
    expect(codeOf(() => requireAdministrator(administrators, { tenantId: 'tenant-a', aadObjectId: ANNA.toUpperCase() }))).toBe('no refusal');
    expect(codeOf(() => requireAdministrator(administrators, { tenantId: 'tenant-a', aadObjectId: LENE }))).toBe('notAdministrator');
    // The same object id in another tenant's directory is someone else.
    expect(codeOf(() => requireAdministrator(administrators, { tenantId: 'tenant-b', aadObjectId: ANNA }))).toBe('notAdministrator');
  });
});

describe("the tab's leader view", () => {
  it('is offered to a leader of a unit, and to nobody else, nor once the role is gone', () => {
    const organisation = twoUnits();
    expect(isLeader(organisation, LENE)).toBe(true);
    expect(isLeader(organisation, '3d3d3d3d-0000-4000-8000-00000000000d')).toBe(false);
    expect(isLeader(removeLeader(organisation, LENE), LENE)).toBe(false);
  });
});
