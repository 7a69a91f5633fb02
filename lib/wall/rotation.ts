// Rotation of the wall through its views. A view whose content does not fit
// one screen has several pages; every page is shown for one interval. Pure.

export interface WallPosition {
  readonly view: number;
  readonly page: number;
}

export const START: WallPosition = Object.freeze({ view: 0, page: 0 });

/** The position made valid for the current views and page counts (they change with the data). */
export function clampPosition(position: WallPosition, pageCounts: readonly number[]): WallPosition {
  if (pageCounts.length === 0) return START;
  const view = position.view >= 0 && position.view < pageCounts.length ? position.view : 0;
  const pages = Math.max(1, pageCounts[view] ?? 1);
  const page = position.page >= 0 && position.page < pages ? position.page : 0;
  return view === position.view && page === position.page ? position : { view, page };
}

/** The next page of this view, else the first page of the next view (wrapping). */
export function advance(position: WallPosition, pageCounts: readonly number[]): WallPosition {
  if (pageCounts.length === 0) return START;
  const here = clampPosition(position, pageCounts);
  const pages = Math.max(1, pageCounts[here.view] ?? 1);
  if (here.page + 1 < pages) return { view: here.view, page: here.page + 1 };
  return { view: (here.view + 1) % pageCounts.length, page: 0 };
}

/** Pages needed for `items` at `perPage` (at least one: an empty view still shows that it is empty). */
export function pageCount(items: number, perPage: number): number {
  return Math.max(1, Math.ceil(Math.max(0, items) / Math.max(1, perPage)));
}

/** The items of page `page`. */
export function pageItems<T>(items: readonly T[], page: number, perPage: number): readonly T[] {
  const p = Math.min(Math.max(0, page), pageCount(items.length, perPage) - 1);
  return items.slice(p * perPage, (p + 1) * perPage);
}
