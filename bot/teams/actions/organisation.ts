// The administrator's commands (1:1 chat only, as the administrators named in the settings):
// `enhed tilføj <navn>`, `leder tilføj <objekt-id> <enhed>`, `leder fjern <objekt-id> [enhed]`, `enheder`,
// `enhed flyt <sagsreference> <enhed>`.
// Leaders are named by Entra object id: the bot sees no directory, and a name or e-mail typed in chat
// could match two people (app/organisation.ts says why administrators are named in the settings).
import { moveCase } from '../../app/moveCase';
import { changeOrganisation, readOrganisation } from '../../app/organisation';
import { DomainError } from '../../domain/errors';
import { addLeader, addUnit, isDefaultUnit, removeLeader, unitByName } from '../../domain/organisation';
import type { Messages } from '../../i18n';
import type { CommandDeclaration, Turn } from './turn';

const NO_ADMINISTRATORS: ReadonlySet<string> = new Set();
const administratorsOf = (turn: Turn) => turn.env.administrators ?? NO_ADMINISTRATORS;
const inPersonalChat = (m: Messages) => m.organisation.inPersonalChat;

/** `<objekt-id> <enhedens navn, perhaps several words>`; a missing part is the usage. */
function leaderArguments(argument: string, unitRequired: boolean): { objectId: string; unitName?: string } {
  const [objectId = '', ...rest] = argument.trim().split(/\s+/);
  const unitName = rest.join(' ');
  if (!objectId || (unitRequired && !unitName)) throw new DomainError('fieldRequired', { field: unitRequired && objectId ? 'unitName' : 'aadObjectId' });
  return { objectId, ...(unitName ? { unitName } : {}) };
}

/** `<sagsreference> <enhedens navn, perhaps several words>`; a missing part is the usage. */
function moveArguments(argument: string): { reference: string; unitName: string } {
  const [reference = '', ...rest] = argument.trim().split(/\s+/);
  const unitName = rest.join(' ');
  if (!reference || !unitName) throw new DomainError('fieldRequired', { field: reference ? 'unitName' : 'reference' });
  return { reference, unitName };
}

export const organisationCommands = {
  units: {
    aliases: { da: ['enheder'], en: ['units'] },
    manifestScopes: [],
    onlyInPersonalChat: inPersonalChat,
    async handle(turn) {
      const organisation = await readOrganisation(turn.deps, turn.actor, administratorsOf(turn));
      const { m } = turn;
      if (organisation.units.length === 0) {
        await turn.context.sendActivity(m.organisation.noUnits);
        return;
      }
      const lines = organisation.units.map((unit) => {
        const leaders = organisation.leaders.filter((leader) => leader.unitIds.includes(unit.id)).map((leader) => leader.aadObjectId);
        return m.organisation.unitLine(unit.name, isDefaultUnit(organisation, unit.id), leaders.join(', '));
      });
      await turn.context.sendActivity([m.organisation.unitsTitle, ...lines, m.organisation.usage].join('\n\n'));
    },
  },
  unitAdd: {
    aliases: { da: ['enhed tilføj', 'ny enhed'], en: ['unit add', 'add unit'] },
    manifestScopes: [],
    onlyInPersonalChat: inPersonalChat,
    async handle(turn, argument) {
      const unitId = turn.deps.newId();
      const changed = await changeOrganisation(turn.deps, turn.actor, administratorsOf(turn), 'unit.add', (current) => addUnit(current, unitId, argument));
      await turn.context.sendActivity(turn.m.organisation.unitAdded(changed.units.at(-1)?.name ?? ''));
    },
  },
  leaderAdd: {
    aliases: { da: ['leder tilføj'], en: ['leader add', 'add leader'] },
    manifestScopes: [],
    onlyInPersonalChat: inPersonalChat,
    async handle(turn, argument) {
      const { objectId, unitName = '' } = leaderArguments(argument, true);
      const changed = await changeOrganisation(turn.deps, turn.actor, administratorsOf(turn), 'leader.add', (current) => addLeader(current, objectId, unitName));
      await turn.context.sendActivity(turn.m.organisation.leaderAdded(unitByName(changed, unitName).name));
    },
  },
  leaderRemove: {
    aliases: { da: ['leder fjern'], en: ['leader remove', 'remove leader'] },
    manifestScopes: [],
    onlyInPersonalChat: inPersonalChat,
    async handle(turn, argument) {
      const { objectId, unitName } = leaderArguments(argument, false);
      await changeOrganisation(turn.deps, turn.actor, administratorsOf(turn), 'leader.remove', (current) => removeLeader(current, objectId, unitName));
      await turn.context.sendActivity(turn.m.organisation.leaderRemoved);
    },
  },
  unitMove: {
    aliases: { da: ['enhed flyt', 'flyt sag'], en: ['unit move', 'move case'] },
    manifestScopes: [],
    onlyInPersonalChat: inPersonalChat,
    async handle(turn, argument) {
      const { reference, unitName } = moveArguments(argument);
      const moved = await moveCase(turn.deps, turn.actor, administratorsOf(turn), reference, unitName);
      await turn.context.sendActivity(turn.m.organisation.caseMoved(moved.reference, moved.fromUnit, moved.toUnit));
    },
  },
} satisfies Record<string, CommandDeclaration>;
