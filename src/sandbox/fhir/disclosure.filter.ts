import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { Resource as R4Resource } from 'fhir/r4.js';
import { isRestricted } from '../../shared/index.ts';
import type { AccessAction } from './access.ts';

/**
 * Medplum's resource types and `@types/fhir`'s describe the same JSON but are not assignable to each other under
 * `exactOptionalPropertyTypes`; this is the one place the adapter crosses over.
 */
export function asR4Resource(resource: Resource): R4Resource {
  return resource as unknown as R4Resource;
}

/** How the response body is built: one resource, a page (searchset/history), or a batch/transaction response. */
export type ResponseShape =
  | { readonly kind: 'single'; readonly action: AccessAction }
  | { readonly kind: 'page'; readonly action: AccessAction }
  | { readonly kind: 'batch'; readonly actions: readonly (AccessAction | undefined)[] };

export interface DisclosureResult {
  /** The body with everything the principal may not see removed. */
  readonly body: Resource | undefined;
  /** True when a single resource was withheld entirely. */
  readonly withheld: boolean;
  /** Restricted resources that do leave the server, by the action that disclosed them. */
  readonly restricted: ReadonlyMap<AccessAction, readonly Resource[]>;
}

type MayDisclose = (resource: Resource) => boolean;

class RestrictedCollector {
  readonly byAction = new Map<AccessAction, Resource[]>();

  add(action: AccessAction, resource: Resource): void {
    if (!isRestricted(asR4Resource(resource))) return;
    const list = this.byAction.get(action) ?? [];
    list.push(resource);
    this.byAction.set(action, list);
  }
}

function isGenerated(resource: Resource): boolean {
  return resource.resourceType === 'OperationOutcome';
}

function isPage(resource: Resource): resource is Bundle {
  return resource.resourceType === 'Bundle' && (resource.type === 'searchset' || resource.type === 'history');
}

function filterPage(
  bundle: Bundle,
  action: AccessAction,
  may: MayDisclose,
  out: RestrictedCollector,
): Bundle {
  const kept: BundleEntry[] = [];
  let removedMatches = 0;
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource;
    if (!resource || isGenerated(resource) || may(resource)) {
      kept.push(entry);
      if (resource && !isGenerated(resource)) out.add(action, resource);
    } else if (entry.search?.mode !== 'include') removedMatches++;
  }
  const filtered: Bundle = { ...bundle };
  if (kept.length > 0) filtered.entry = kept;
  else delete filtered.entry;
  if (filtered.total !== undefined) filtered.total = Math.max(0, filtered.total - removedMatches);
  return filtered;
}

function filterBatch(
  bundle: Bundle,
  actions: readonly (AccessAction | undefined)[],
  may: MayDisclose,
  out: RestrictedCollector,
): Bundle {
  const entry = (bundle.entry ?? []).map((e, i): BundleEntry => {
    const resource = e.resource;
    const action = actions[i] ?? 'read';
    if (!resource || isGenerated(resource)) return e;
    if (isPage(resource)) return { ...e, resource: filterPage(resource, action, may, out) };
    if (!may(resource)) {
      const { resource: _withheld, ...rest } = e;
      return rest;
    }
    out.add(action, resource);
    return e;
  });
  return { ...bundle, entry };
}

/**
 * Applies `mayDisclose` to everything in a response body: a withheld single resource is reported so the caller can
 * answer exactly like a missing one; pages lose hidden entries (also `_include`d ones) and their `total` is reduced;
 * batch and transaction responses keep each entry's status but lose hidden resources.
 */
export function applyDisclosure(body: Resource, shape: ResponseShape, may: MayDisclose): DisclosureResult {
  const out = new RestrictedCollector();
  switch (shape.kind) {
    case 'single': {
      if (isGenerated(body)) return { body, withheld: false, restricted: out.byAction };
      if (!may(body)) return { body: undefined, withheld: true, restricted: out.byAction };
      out.add(shape.action, body);
      return { body, withheld: false, restricted: out.byAction };
    }
    case 'page': {
      const filtered = isPage(body) ? filterPage(body, shape.action, may, out) : body;
      return { body: filtered, withheld: false, restricted: out.byAction };
    }
    case 'batch': {
      const filtered = body.resourceType === 'Bundle' ? filterBatch(body, shape.actions, may, out) : body;
      return { body: filtered, withheld: false, restricted: out.byAction };
    }
    default: {
      const unreachable: never = shape;
      throw new Error(`Unknown response shape ${String(unreachable)}`);
    }
  }
}
