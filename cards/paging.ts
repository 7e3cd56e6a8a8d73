// Lists that grow with a case (the team, the checklist's attendance, a user's cases) are shown a page
// at a time, with "Forrige" and "Næste": a card never outgrows Teams' 28 KB, and nothing is cut silently.
import type { Messages } from '../bot/i18n';

export interface Paged<T> {
  items: T[];
  /** The page shown, from 0; a page past the end shows the last. */
  page: number;
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
    shown: pages > 1 ? m.cards.paging.shown(page * size + 1, page * size + shown.length, items.length) : '',
    previous: page > 0 ? page - 1 : -1,
    next: page < pages - 1 ? page + 1 : -1,
    paging: { previous: m.cards.paging.previous, next: m.cards.paging.next },
  };
}
