import type { SearchRequest, WithId } from '@medplum/core';
import { allOk, created, deepClone, multipleMatches, notFound, OperationOutcomeError } from '@medplum/core';
import type { CreateResourceOptions } from '@medplum/fhir-router';
import { getExtraEntries } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { DurableMemoryRepository } from './durable-memory.repository.ts';
import { subsetElements } from './elements.subset.ts';
import { executeSearch, type SearchStore } from './memory-search.engine.ts';
import {
  type HistoryItem,
  type HistoryPageOptions,
  historyBundle,
  pageHistory,
} from './repository-history.ts';

/** Medplum's history options plus `_since` (a UTC instant). */
export interface InstanceHistoryOptions {
  readonly offset?: number | undefined;
  readonly limit?: number | undefined;
  readonly since?: string | undefined;
}

/**
 * The sandbox's FHIR repository: {@link DurableMemoryRepository} (durable, atomic, validated writes) plus reads that
 * honour {@link DurableMemoryRepository.withVisibility}, a search that adds number/quantity parameters, `_elements`
 * and typed `_sort`, rejects unknown parameters and drops hidden resources before paging, history that is stable
 * and pageable (upstream reverses its stored array in place on every read), and type-level history.
 */
export class SandboxRepository extends DurableMemoryRepository {
  /** A repository persisted in `dataDir` (replayed now), or in memory only when `dataDir` is undefined. */
  static async open(dataDir?: string): Promise<SandboxRepository> {
    const repo = new SandboxRepository();
    if (dataDir !== undefined) await repo.attachLog(dataDir);
    return repo;
  }

  override conditionalCreate<T extends Resource>(
    resource: T,
    search: SearchRequest<T>,
    options?: CreateResourceOptions,
  ): Promise<{ resource: WithId<T>; outcome: OperationOutcome }> {
    return this.exclusive(async () => {
      const matches = await this.searchResources<T>({ ...search, count: 2, offset: 0, sortRules: [] });
      if (matches.length > 1) throw new OperationOutcomeError(multipleMatches);
      const [existing] = matches;
      if (existing) return { resource: existing, outcome: allOk };
      return { resource: await this.createResource(resource, options), outcome: created };
    });
  }

  override async readResource<T extends Resource>(resourceType: string, id: string): Promise<T> {
    const resource = await super.readResource<T>(resourceType, id);
    if (!this.isVisible(resource)) throw new OperationOutcomeError(notFound);
    return resource;
  }

  override async readVersion<T extends Resource>(
    resourceType: string,
    id: string,
    versionId: string,
  ): Promise<T> {
    await this.readResource(resourceType, id);
    const versions = this.stores.history.get(resourceType)?.get(id) ?? [];
    const version = versions.find((v) => v.meta?.versionId === versionId);
    if (!version || !this.isVisible(version)) throw new OperationOutcomeError(notFound);
    return deepClone(version) as T;
  }

  /** Instance history, newest first, stable across calls (upstream reverses its stored array in place). */
  override async readHistory<T extends Resource>(
    resourceType: string,
    id: string,
    options?: InstanceHistoryOptions,
  ): Promise<Bundle<T>> {
    await this.readResource(resourceType, id);
    const versions = this.stores.history.get(resourceType)?.get(id) ?? [];
    const newestFirst = [...versions].reverse().filter((v) => this.isVisible(v));
    const items = newestFirst.map((resource) => ({ resource, first: resource === versions[0] }));
    const paging = { offset: options?.offset, count: options?.limit, since: options?.since };
    return historyBundle(pageHistory(items, paging)) as Bundle<T>;
  }

  /** Type-level history (`GET [type]/_history`), newest first; MemoryRepository has none. */
  async readTypeHistory(resourceType: string, options: HistoryPageOptions = {}): Promise<Bundle> {
    const current = this.stores.resources.get(resourceType);
    const items: HistoryItem[] = [];
    for (const [id, versions] of this.stores.history.get(resourceType) ?? []) {
      const now = current?.get(id);
      if (now && !this.isVisible(now)) continue;
      versions.forEach((resource, i) => {
        if (this.isVisible(resource)) items.push({ resource, first: i === 0 });
      });
    }
    items.sort((a, b) => this.writeSequence(b.resource) - this.writeSequence(a.resource));
    return historyBundle(pageHistory(items, options));
  }

  override async search<T extends Resource>(request: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const store: SearchStore = {
      byType: (type) => this.stores.resources.get(type),
      isVisible: this.visibilityPredicate(),
    };
    const page = executeSearch(store, request);
    const resources = page.matches.map((r) => deepClone(r) as WithId<T>);
    const fields = request.fields;
    const entries: BundleEntry[] = resources.map((resource) => ({
      search: { mode: 'match' },
      resource: fields ? subsetElements(resource, fields) : resource,
    }));
    if ((request.include || request.revInclude) && resources.length > 0) {
      await getExtraEntries(this, request, resources, entries);
    }
    const bundle: Bundle = { resourceType: 'Bundle', type: 'searchset', total: page.total };
    if (entries.length > 0) bundle.entry = entries;
    return bundle as Bundle<WithId<T>>;
  }
}
