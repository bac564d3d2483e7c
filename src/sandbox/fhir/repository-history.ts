import { deepClone } from '@medplum/core';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';

/** Paging for history reads; `since` is an ISO instant in UTC (`Z`), compared with `meta.lastUpdated`. */
export interface HistoryPageOptions {
  readonly offset?: number | undefined;
  readonly count?: number | undefined;
  readonly since?: string | undefined;
}

/** One version and whether it is the resource's first (its create). */
export interface HistoryItem {
  readonly resource: Resource;
  readonly first: boolean;
}

export interface HistoryPage {
  readonly items: readonly HistoryItem[];
  readonly total: number;
}

export function pageHistory(items: readonly HistoryItem[], options: HistoryPageOptions): HistoryPage {
  const since = options.since;
  const filtered = since ? items.filter((i) => (i.resource.meta?.lastUpdated ?? '') >= since) : items;
  const offset = options.offset ?? 0;
  const end = options.count === undefined ? undefined : offset + options.count;
  return { items: filtered.slice(offset, end), total: filtered.length };
}

/**
 * A `history` Bundle. R4 requires `request` and `response` on history entries (bdl-3, bdl-4); the first version
 * is shown as its create (`POST`, 201), later ones as updates (`PUT`, 200).
 */
export function historyBundle(page: HistoryPage): Bundle {
  const entry: BundleEntry[] = page.items.map(({ resource, first }) => ({
    resource: deepClone(resource),
    request: {
      method: first ? 'POST' : 'PUT',
      url: first ? resource.resourceType : `${resource.resourceType}/${resource.id}`,
    },
    response: { status: first ? '201' : '200' },
  }));
  const bundle: Bundle = { resourceType: 'Bundle', type: 'history', total: page.total };
  if (entry.length > 0) bundle.entry = entry;
  return bundle;
}
