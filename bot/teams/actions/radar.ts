// The radar (issue 14 §3): `radar` in the 1:1 chat lists the cases the person coordinates that need
// attention now, most urgent first, as the Monday message does (app/radar.ts).
import { radarCard } from '../../../cards/radarCard';
import { readRadar } from '../../app/radar';
import { cardActivity } from '../replies';
import type { CommandDeclaration } from './turn';

export const radarCommands = {
  /** Across the person's cases: only in a 1:1 chat. Not in the manifest's lists (they are full). */
  radar: {
    aliases: { da: ['radar'], en: ['radar'] },
    manifestScopes: [],
    onlyInPersonalChat: (m) => m.cards.radar.onlyInPersonalChat,
    async handle({ context, deps, actor, m }) {
      const radar = await readRadar(deps, actor);
      await context.sendActivity(radar.length > 0 ? cardActivity(radarCard(m, radar, m.cards.radar.nowTitle(radar.length))) : m.cards.radar.nothing);
    },
  },
} satisfies Record<string, CommandDeclaration>;
