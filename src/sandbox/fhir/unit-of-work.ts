import type { Resource } from '@medplum/fhirtypes';

/** MemoryRepository's two stores: current resources and every version, by type then id. */
export interface MemoryStores {
  readonly resources: Map<string, Map<string, Resource>>;
  readonly history: Map<string, Map<string, Resource[]>>;
}

/** How to take back one change. */
export type UndoStep =
  | {
      readonly kind: 'put';
      readonly type: string;
      readonly id: string;
      readonly prior: Resource | undefined;
      readonly historyLength: number;
    }
  | {
      readonly kind: 'remove';
      readonly type: string;
      readonly id: string;
      readonly prior: Resource | undefined;
      readonly priorHistory: Resource[] | undefined;
    }
  | {
      readonly kind: 'clear';
      readonly resources: Map<string, Map<string, Resource>>;
      readonly history: Map<string, Map<string, Resource[]>>;
    };

/**
 * The changes of one request or transaction: serialised log ops to append on commit, and undo steps to apply on
 * rollback. Nested units (Medplum's conditional update inside a transaction) take savepoints by length.
 */
export class UnitOfWork {
  readonly ops: string[] = [];
  readonly undo: UndoStep[] = [];
}

function restoreHistory(
  stores: MemoryStores,
  type: string,
  id: string,
  versions: Resource[] | undefined,
): void {
  let byId = stores.history.get(type);
  if (!versions) {
    byId?.delete(id);
    return;
  }
  if (!byId) {
    byId = new Map();
    stores.history.set(type, byId);
  }
  byId.set(id, versions);
}

function restoreCurrent(stores: MemoryStores, type: string, id: string, prior: Resource | undefined): void {
  let byId = stores.resources.get(type);
  if (!prior) {
    byId?.delete(id);
    return;
  }
  if (!byId) {
    byId = new Map();
    stores.resources.set(type, byId);
  }
  byId.set(id, prior);
}

function replaceAll<K, V>(target: Map<K, V>, source: Map<K, V>): void {
  target.clear();
  for (const [key, value] of source) target.set(key, value);
}

function applyUndo(stores: MemoryStores, step: UndoStep): void {
  switch (step.kind) {
    case 'put': {
      restoreCurrent(stores, step.type, step.id, step.prior);
      const versions = stores.history.get(step.type)?.get(step.id);
      if (versions) versions.length = step.historyLength;
      if (step.historyLength === 0) stores.history.get(step.type)?.delete(step.id);
      return;
    }
    case 'remove':
      restoreCurrent(stores, step.type, step.id, step.prior);
      restoreHistory(stores, step.type, step.id, step.priorHistory);
      return;
    case 'clear':
      replaceAll(stores.resources, step.resources);
      replaceAll(stores.history, step.history);
      return;
    default: {
      const unreachable: never = step;
      throw new Error(`Unknown undo step ${String(unreachable)}`);
    }
  }
}

/** Undoes the unit's changes after `mark` (newest first) and forgets them, so a second rollback is a no-op. */
export function rollbackTo(stores: MemoryStores, unit: UnitOfWork, undoMark: number, opsMark: number): void {
  for (let i = unit.undo.length - 1; i >= undoMark; i--) {
    const step = unit.undo[i];
    if (step) applyUndo(stores, step);
  }
  unit.undo.length = undoMark;
  unit.ops.length = opsMark;
}
