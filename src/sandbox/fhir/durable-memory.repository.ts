import { AsyncLocalStorage } from 'node:async_hooks';
import type { Operation, WithId } from '@medplum/core';
import { notFound, OperationOutcomeError, validateResource } from '@medplum/core';
import type {
  CreateResourceOptions,
  DeleteResourceOptions,
  UpdateResourceOptions,
} from '@medplum/fhir-router';
import { MemoryRepository } from '@medplum/fhir-router';
import type { OperationOutcome, Parameters, Resource } from '@medplum/fhirtypes';
import { AsyncMutex } from './async-mutex.util.ts';
import { loadFhirDefinitions } from './definitions.loader.ts';
import { FhirLog, type LogOp, serialiseOp } from './fhir-log.store.ts';
import { type MemoryStores, rollbackTo, UnitOfWork } from './unit-of-work.ts';

type CreateSync = <T extends Resource>(
  resource: T,
  options?: CreateResourceOptions,
  update?: boolean,
) => WithId<T>;

/** The TS-private parts of MemoryRepository this class builds on (pinned by tests; checked at construction). */
interface MemoryInternals extends MemoryStores {
  createResourceSync: CreateSync;
}

function internalsOf(repo: MemoryRepository): MemoryInternals {
  const candidate = repo as unknown as Partial<MemoryInternals>;
  if (
    !(candidate.resources instanceof Map) ||
    !(candidate.history instanceof Map) ||
    typeof candidate.createResourceSync !== 'function'
  ) {
    throw new Error('Unsupported @medplum/fhir-router version: MemoryRepository internals changed');
  }
  return candidate as MemoryInternals;
}

/** Resource visibility for the current request (see {@link DurableMemoryRepository.withVisibility}). */
export type VisibilityPredicate = (resource: Resource) => boolean;

const persistFailed: OperationOutcome = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'exception', diagnostics: 'The change could not be made durable' }],
};

/**
 * The write side of the sandbox repository: Medplum's MemoryRepository where every write is validated
 * (`validateResource`: 400 with all issues) and belongs to a unit of work. Units are serialised by a mutex, roll
 * back completely on error (so a transaction Bundle is atomic), and are appended to the NDJSON log as one line that
 * is fsync'd (group commit) before the write resolves; the log is replayed at boot. Readers are not isolated: a read
 * that overlaps a unit may see changes that are not yet committed or not yet durable. Errors are `@medplum/core`
 * OperationOutcomeErrors, as FhirRouter expects.
 */
export class DurableMemoryRepository extends MemoryRepository {
  protected readonly stores: MemoryInternals;
  private readonly mutex = new AsyncMutex();
  private readonly units = new AsyncLocalStorage<UnitOfWork>();
  private readonly visibility = new AsyncLocalStorage<VisibilityPredicate>();
  private log: FhirLog | undefined;
  private replaying = false;
  private readonly writeOrder = new WeakMap<Resource, number>();
  private writeCount = 0;

  constructor() {
    super();
    loadFhirDefinitions();
    this.stores = internalsOf(this);
    const original = this.stores.createResourceSync.bind(this) as CreateSync;
    this.stores.createResourceSync = <T extends Resource>(r: T, o?: CreateResourceOptions, u?: boolean) =>
      this.putResource(original, r, o, u);
  }

  /**
   * Replays the log in `dataDir` (created if missing), keeping each version's `versionId` and `lastUpdated`, then
   * appends every later unit of work to it.
   */
  protected async attachLog(dataDir: string): Promise<void> {
    const opened = FhirLog.open(dataDir);
    this.replaying = true;
    try {
      await this.withSeeding(() => {
        for (const record of opened.records) for (const op of record.ops) this.applyLogged(op);
      });
    } finally {
      this.replaying = false;
    }
    this.log = opened.log;
  }

  /** Finishes the writer in progress and flushes the log, then closes it; later writes fail with 500. */
  async close(): Promise<void> {
    await this.mutex.run(async () => {
      await this.log?.close();
    });
  }

  /**
   * Runs `fn` as one unit of work: it waits for other writers; when `fn` returns, its changes are queued to the log
   * as one line, the next writer may start, and this call resolves only once that line is fsync'd (group commit), so
   * a caller acknowledges nothing that is not durable. If `fn` throws, all its changes are undone. Nested calls share
   * the outer unit and roll back only their own changes on error. Use it around anything that reads-then-writes.
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const current = this.units.getStore();
    if (current) return this.savepoint(current, fn);
    let durable: Promise<void> | undefined;
    const result = await this.mutex.run(() => {
      const unit = new UnitOfWork();
      return this.units.run(unit, async () => {
        try {
          const value = await fn();
          durable = this.commit(unit);
          return value;
        } catch (err) {
          rollbackTo(this.stores, unit, 0, 0);
          throw err;
        }
      });
    });
    if (durable) {
      await durable.catch(() => {
        throw new OperationOutcomeError(persistFailed);
      });
    }
    return result;
  }

  /**
   * Runs `fn` with a visibility predicate: reads, searches, `_include`s, history and chains treat resources that
   * fail it as nonexistent (404, dropped before paging so `total` agrees).
   */
  withVisibility<T>(predicate: VisibilityPredicate, fn: () => Promise<T>): Promise<T> {
    return this.visibility.run(predicate, fn);
  }

  /** True when the resource exists and is visible in the current context. */
  hasResource(resourceType: string, id: string): boolean {
    const resource = this.stores.resources.get(resourceType)?.get(id);
    return resource !== undefined && this.isVisible(resource);
  }

  protected isVisible(resource: Resource): boolean {
    return this.visibility.getStore()?.(resource) ?? true;
  }

  /** The current context's predicate, for loops that test many resources (looked up once). */
  protected visibilityPredicate(): VisibilityPredicate {
    return this.visibility.getStore() ?? (() => true);
  }

  private async savepoint<T>(unit: UnitOfWork, fn: () => Promise<T>): Promise<T> {
    const undoMark = unit.undo.length;
    const opsMark = unit.ops.length;
    try {
      return await fn();
    } catch (err) {
      rollbackTo(this.stores, unit, undoMark, opsMark);
      throw err;
    }
  }

  /** Queues the unit's line; throws (so the unit rolls back) when the log is closed or broken. */
  private commit(unit: UnitOfWork): Promise<void> | undefined {
    if (unit.ops.length === 0 || !this.log) return undefined;
    try {
      return this.log.append(unit.ops);
    } catch {
      throw new OperationOutcomeError(persistFailed);
    }
  }

  private currentUnit(): UnitOfWork {
    const unit = this.units.getStore();
    if (!unit) throw new Error('SandboxRepository write outside a unit of work');
    return unit;
  }

  /** Numbers the stored version just written, so history can order writes made within one millisecond. */
  private sequenced<T extends Resource>(result: WithId<T>): WithId<T> {
    const stored = this.stores.resources.get(result.resourceType)?.get(result.id);
    if (stored) this.writeOrder.set(stored, ++this.writeCount);
    return result;
  }

  /** The order in which a stored version was written (0 when unknown); larger is newer. */
  protected writeSequence(version: Resource): number {
    return this.writeOrder.get(version) ?? 0;
  }

  private putResource<T extends Resource>(
    original: CreateSync,
    resource: T,
    options: CreateResourceOptions | undefined,
    update: boolean | undefined,
  ): WithId<T> {
    if (this.replaying) return this.sequenced(original(resource, options, update));
    const unit = this.currentUnit();
    validateResource(resource);
    const type = resource.resourceType;
    const prior = resource.id ? this.stores.resources.get(type)?.get(resource.id) : undefined;
    const result = this.sequenced(original(resource, options, update));
    const historyLength = (this.stores.history.get(type)?.get(result.id)?.length ?? 1) - 1;
    unit.undo.push({ kind: 'put', type, id: result.id, prior, historyLength });
    unit.ops.push(serialiseOp({ op: 'put', resource: result }));
    return result;
  }

  private applyLogged(op: LogOp): void {
    switch (op.op) {
      case 'put':
        this.stores.createResourceSync(op.resource, undefined, true);
        return;
      case 'delete':
        this.stores.resources.get(op.resourceType)?.delete(op.id);
        return;
      case 'expunge':
        this.stores.resources.get(op.resourceType)?.delete(op.id);
        this.stores.history.get(op.resourceType)?.delete(op.id);
        return;
      case 'clear':
        super.clear();
        return;
      default: {
        const unreachable: never = op;
        throw new Error(`Unknown log op ${String(unreachable)}`);
      }
    }
  }

  private recordRemoval(type: string, id: string, op: 'delete' | 'expunge'): void {
    const unit = this.currentUnit();
    const prior = this.stores.resources.get(type)?.get(id);
    const versions = this.stores.history.get(type)?.get(id);
    unit.undo.push({ kind: 'remove', type, id, prior, priorHistory: versions ? [...versions] : undefined });
    unit.ops.push(serialiseOp({ op, resourceType: type, id }));
  }

  override createResource<T extends Resource>(
    resource: T,
    options?: CreateResourceOptions,
    update = false,
  ): Promise<WithId<T>> {
    return this.exclusive(() => super.createResource(resource, options, update));
  }

  override updateResource<T extends Resource>(
    resource: T,
    options?: UpdateResourceOptions,
  ): Promise<WithId<T>> {
    return this.exclusive(() => super.updateResource(resource, options));
  }

  override patchResource<T extends Resource>(
    resourceType: T['resourceType'],
    id: string,
    patch: Operation[] | Parameters,
    options?: UpdateResourceOptions,
  ): Promise<WithId<T>> {
    return this.exclusive(() => super.patchResource<T>(resourceType, id, patch, options));
  }

  override deleteResource(resourceType: string, id: string, options?: DeleteResourceOptions): Promise<void> {
    return this.exclusive(async () => {
      const existing = this.stores.resources.get(resourceType)?.get(id);
      if (existing && !this.isVisible(existing)) throw new OperationOutcomeError(notFound);
      this.recordRemoval(resourceType, id, 'delete');
      await super.deleteResource(resourceType, id, options);
    });
  }

  override expungeResources(resourceType: string, ids: string[]): Promise<void> {
    return this.exclusive(async () => {
      for (const id of ids) this.recordRemoval(resourceType, id, 'expunge');
      await super.expungeResources(resourceType, ids);
    });
  }

  /** Not supported: it could not wait for durability. Use {@link reset}. */
  override clear(): void {
    throw new Error('SandboxRepository.clear() is not supported; use await repo.reset()');
  }

  /** Removes every resource and all history, durably, as one unit of work. */
  reset(): Promise<void> {
    return this.exclusive(async () => {
      const unit = this.currentUnit();
      const resources = new Map(this.stores.resources);
      const history = new Map(this.stores.history);
      unit.undo.push({ kind: 'clear', resources, history });
      unit.ops.push(serialiseOp({ op: 'clear' }));
      super.clear();
    });
  }

  override withTransaction<TResult>(callback: (repo: this) => Promise<TResult>): Promise<TResult> {
    return this.exclusive(() => callback(this));
  }
}
