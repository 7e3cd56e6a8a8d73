// `målinger`: WHO-5 and readiness (BIP) over time as a card: the latest records (a bounded list, the
// rest counted), who measures with the young person, and for the one who may record, the WHO-5 form in
// its published wording, the readiness form from the indicator set in use, and a correction of either.
import { isCoordinator, mayRecordMeasures } from '../bot/domain/access';
import type { Case } from '../bot/domain/case';
import { localDate } from '../bot/domain/fields';
import { type ReadinessRecord, type Who5Record, WHO5_ANSWER_MAX, WHO5_ITEMS, measurerOf, who5RecordsOf, who5Score } from '../bot/domain/measures';
import type { ReadinessIndicatorSet } from '../bot/domain/readinessIndicators';
import type { Messages } from '../bot/i18n';
import { memberChoiceTitle, shortName, shortened } from './people';
import { type AdaptiveCardJson, renderCard } from './render';
import type { ViewedCase } from './views';

/** Records shown of each measure, newest first; the trend picture shows them all. */
const MEASURES_SHOWN = { who5: 12, readiness: 4 } as const;
/** As shortName cuts a member's name. */
const NAME_ON_CARD = 40;

/** Who recorded it, as the team calls them (one who has left: "former member"). */
function recorderName(m: Messages, current: Case, memberId: string): string {
  const member = current.members.find((candidate) => candidate.id === memberId);
  return member ? shortName(current, member, m) : shortened(m.cards.goals.formerMember, NAME_ON_CARD);
}

/** Every record, the corrected ones too, with whether it corrects or was corrected: the card shows the history. */
function marks<T extends Who5Record | ReadinessRecord>(m: Messages, records: readonly T[], record: T): string {
  const labels = m.cards.measures;
  const corrected = records.some((candidate) => candidate.corrects === record.id);
  return [record.corrects ? labels.correction : '', corrected ? labels.corrected : ''].filter(Boolean).map((mark) => ` (${mark})`).join('');
}

const newestFirst = <T extends Who5Record | ReadinessRecord>(records: readonly T[]): T[] => [...records].sort((a, b) => b.on.localeCompare(a.on) || b.at.localeCompare(a.at));

function who5Facts(m: Messages, current: Case): { title: string; value: string }[] {
  const records = current.measures?.who5 ?? [];
  return newestFirst(records)
    .slice(0, MEASURES_SHOWN.who5)
    .map((record) => ({ title: m.dates.short(record.on), value: `${m.cards.measures.who5Value(who5Score(record.answers), recorderName(m, current, record.byMemberId))}${marks(m, records, record)}` }));
}

/** Per instrument the mean of the scores given, one decimal: a record made with another set says so. */
function readinessFacts(m: Messages, current: Case, set: ReadinessIndicatorSet): { title: string; value: string }[] {
  const records = current.measures?.readiness ?? [];
  const labels = m.cards.measures;
  return newestFirst(records)
    .slice(0, MEASURES_SHOWN.readiness)
    .map((record) => {
      const averages =
        record.setId === set.id
          ? set.instruments.flatMap((instrument) => {
              const scores = instrument.indicators.flatMap((indicator) => (record.scores[indicator.id] === undefined ? [] : [record.scores[indicator.id]!]));
              const mean = scores.length > 0 ? (scores.reduce((sum, score) => sum + score, 0) / scores.length).toLocaleString(m.language === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 }) : '';
              return mean ? [labels.average(instrument.name[m.language], mean)] : [];
            })
          : [labels.otherSet];
      return { title: m.dates.short(record.on), value: `${[...averages, recorderName(m, current, record.byMemberId)].join(' · ')}${marks(m, records, record)}` };
    });
}

/** The answers 5 down to 0, as the published form lists them. */
function who5AnswerChoices(m: Messages) {
  return Array.from({ length: WHO5_ANSWER_MAX + 1 }, (_, index) => WHO5_ANSWER_MAX - index).map((score) => ({ title: `${m.cards.measures.who5Answers[score]} (${score})`, value: String(score) }));
}

/** The readiness form: per instrument its indicators, each a choice on its own scale. */
function readinessForm(m: Messages, set: ReadinessIndicatorSet) {
  const language = m.language;
  return set.instruments.map((instrument) => ({
    name: instrument.name[language],
    indicators: instrument.indicators.map((indicator) => {
      const { min, max, low, high } = indicator.scale;
      return {
        id: `s_${indicator.id}`,
        label: `${indicator.name[language]} (${m.cards.measures.scale(min, low[language], max, high[language])})`,
        choices: Array.from({ length: max - min + 1 }, (_, index) => ({ title: String(min + index), value: String(min + index) })),
      };
    }),
  }));
}

/** The records a correction may name: those not corrected yet, newest first, as many as the list shows. */
const correctable = <T extends Who5Record | ReadinessRecord>(m: Messages, records: readonly T[], shown: number) =>
  newestFirst(records.filter((record) => !records.some((candidate) => candidate.corrects === record.id)))
    .slice(0, shown)
    .map((record) => ({ title: m.dates.short(record.on), value: record.id }));

export function measuresCard(m: Messages, { case: current, viewer }: ViewedCase, now: Date, set: ReadinessIndicatorSet, notice = ''): AdaptiveCardJson {
  const labels = m.cards.measures;
  const who5 = current.measures?.who5 ?? [];
  const readiness = current.measures?.readiness ?? [];
  const measurer = current.members.find((member) => member.id === measurerOf(current));
  const coordinator = isCoordinator(viewer);
  return renderCard('measures', {
    caseId: current.id,
    labels,
    title: labels.title(current.reference),
    notice,
    measurer: measurer ? (isCoordinator(measurer) ? labels.measurerIsCoordinator(shortName(current, measurer, m)) : shortName(current, measurer, m)) : '',
    who5: who5Facts(m, current),
    who5More: who5.length > MEASURES_SHOWN.who5 ? labels.more(MEASURES_SHOWN.who5, who5.length) : '',
    readiness: readinessFacts(m, current, set),
    readinessMore: readiness.length > MEASURES_SHOWN.readiness ? labels.more(MEASURES_SHOWN.readiness, readiness.length) : '',
    canRecord: mayRecordMeasures(current, viewer),
    onlyMeasurer: mayRecordMeasures(current, viewer) ? '' : labels.onlyMeasurer,
    today: localDate(now),
    who5Items: WHO5_ITEMS.map((item) => ({ id: `w_${item}`, label: labels.who5Items[item] })),
    who5Choices: who5AnswerChoices(m),
    who5Correctable: correctable(m, who5, MEASURES_SHOWN.who5),
    instruments: readinessForm(m, set),
    readinessCorrectable: correctable(m, readiness, MEASURES_SHOWN.readiness),
    canSetMeasurer: coordinator,
    measurerChoices: current.members
      .filter((member) => member.role !== 'youngPerson' && member.role !== 'vip')
      .map((member) => ({ title: isCoordinator(member) ? labels.measurerCoordinatorChoice : memberChoiceTitle(current, member, m), value: member.id })),
    measurerValue: measurerOf(current),
  });
}

/** The case overview's line: the latest WHO-5 that stands, its score and day. */
export function latestWho5Line(m: Messages, current: Case): string {
  const latest = who5RecordsOf(current).at(-1);
  return latest ? m.cards.measures.overviewValue(who5Score(latest.answers), m.dates.short(latest.on)) : m.cards.measures.overviewNone;
}
