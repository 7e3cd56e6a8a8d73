// `statistik` / `stats` (only in the 1:1 chat): a leader's half-yearly status of their unit as a card,
// with the ended half-years to pick from (verb `statistics.show`), a one-time CSV link and a link to the
// tab's leader view; anyone else is refused (app/statistics.ts audits both).
import { z } from 'zod';
import { statisticsCard } from '../../../cards/statisticsCards';
import { EXPORT_LINK_MINUTES } from '../../app/exportLinks';
import { PERIOD_CHOICES, readLeaderReport } from '../../app/statistics';
import { endedPeriods } from '../../domain/statistics/period';
import { STATISTICS_SUB_PAGE, personalTabLink } from '../../tab/deepLink';
import type { AdaptiveCardJson } from '../../../cards/render';
import { cardActivity } from '../replies';
import { id, versioned } from './data';
import { type CommandDeclaration, type Turn, verb } from './turn';

async function cardFor(turn: Turn, periodId: string | undefined, unitId: string | undefined): Promise<AdaptiveCardJson> {
  const read = await readLeaderReport(turn.deps, turn.actor, { periodId, unitId });
  const links = turn.env.rights?.exportLinks;
  const subject = { unitId: read.unit.id, periodId: read.report.window.period.id };
  const csv = links && { url: await links.createStatistics(turn.actor, subject), minutes: EXPORT_LINK_MINUTES };
  const { teamsAppId } = turn.env;
  return statisticsCard(turn.m, {
    ...read,
    periods: endedPeriods(turn.deps.now(), PERIOD_CHOICES),
    ...(csv ? { csv } : {}),
    ...(teamsAppId ? { tabUrl: personalTabLink(teamsAppId, STATISTICS_SUB_PAGE) } : {}),
  });
}

export const statisticsVerbs = [
  verb('statistics.show', z.object({ ...versioned, periodId: id.optional(), unitId: id.optional() }), async (turn, { periodId, unitId }) => ({ card: await cardFor(turn, periodId, unitId) })),
];

export const statisticsCommands = {
  stats: {
    aliases: { da: ['statistik'], en: ['stats', 'statistics'] },
    manifestScopes: ['personal'],
    onlyInPersonalChat: (m) => m.statistics.onlyInPersonalChat,
    async handle(turn, argument) {
      await turn.context.sendActivity(cardActivity(await cardFor(turn, argument || undefined, undefined)));
    },
  },
} satisfies Record<string, CommandDeclaration>;
