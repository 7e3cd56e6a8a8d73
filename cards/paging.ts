// Lists that grow with a case (the team, the checklist's attendance, a user's cases) are shown a page
// at a time, with "Forrige" and "Næste": a card never outgrows Teams' 28 KB, and nothing is cut silently.
import type { Messages } from '../bot/i18n';
import { firstFitting, halvings } from './budget';
import type { AdaptiveCardJson } from './render';

export interface Paged<T> {
  items: T[];
  /** The page shown, from 0; a page past the end shows the last. */
  page: number;
  /** Items a page; the buttons carry it, so that the pages of a smaller size follow one another. */
  size: number;
  /** "21–40 af 60", or '' when everything fits on one page. */
  shown: string;
  /** The neighbouring pages, -1 where there is none. */
  previous: number;
  next: number;
  paging: { previous: string; next: string };
}

export function pageOf<T>(m: Messages, items: readonly T[], requested: number | undefined, size: number): Paged<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(Math.max(0, Math.trunc(requested ?? 0)), pages - 1);
  const shown = items.slice(page * size, (page + 1) * size);
  return {
    items: shown,
    page,
    size,
    shown: pages > 1 ? m.cards.paging.shown(page * size + 1, page * size + shown.length, items.length) : '',
    previous: page > 0 ? page - 1 : -1,
    next: page < pages - 1 ? page + 1 : -1,
    paging: { previous: m.cards.paging.previous, next: m.cards.paging.next },
  };
}

/**
 * A page of `items` rendered by `render`, `size` items a page (`requestedSize`, from the button, when
 * smaller: older cards carry none); when the page does not fit Teams, a page of half the size (and again)
 * that holds the same first item. The smaller size goes on the buttons, so the pages that follow keep to it.
 */
export function fittingPage<T>(
  m: Messages,
  items: readonly T[],
  requested: number | undefined,
  size: number,
  requestedSize: number | undefined,
  render: (page: Paged<T>) => AdaptiveCardJson,
): AdaptiveCardJson {
  const start = pageOf(m, items, requested, Math.min(size, Math.max(1, Math.trunc(requestedSize ?? size))));
  const first = start.page * start.size;
  return firstFitting(halvings(start.size), (smaller) => render(smaller === start.size ? start : pageOf(m, items, Math.floor(first / smaller), smaller)));
}
