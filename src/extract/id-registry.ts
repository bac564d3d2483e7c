/**
 * Interns the ids of the patients and encounters that qualifying records reference, so that everything else can
 * use small integers. Grows with *referenced* ids only (patients with a DVA-coded record, and their encounters),
 * never with the number of resources read.
 */
export class IdRegistry {
  readonly #indexes = new Map<string, number>();
  #found = new Uint8Array(1024);
  #foundCount = 0;

  get size(): number {
    return this.#indexes.size;
  }

  /** The id's index, adding it when new. */
  intern(id: string): number {
    let index = this.#indexes.get(id);
    if (index === undefined) {
      index = this.#indexes.size;
      this.#indexes.set(id, index);
      if (index >= this.#found.length) this.#found = grow(this.#found, index + 1);
    }
    return index;
  }

  /** Every interned id, in index order. */
  ids(): IterableIterator<string> {
    return this.#indexes.keys();
  }

  /** The id's index if it was referenced, else undefined. */
  indexOf(id: string): number | undefined {
    return this.#indexes.get(id);
  }

  /** Records that the resource itself was read; returns false when it was already seen (a duplicate). */
  markFound(index: number): boolean {
    if (this.#found[index] === 1) return false;
    this.#found[index] = 1;
    this.#foundCount++;
    return true;
  }

  /** Referenced ids whose resource never arrived. */
  get missingCount(): number {
    return this.#indexes.size - this.#foundCount;
  }
}

/** A copy of `array` with room for at least `minLength` elements (doubling), new elements zero. */
export function grow<T extends Uint8Array | Int32Array>(array: T, minLength: number): T {
  let length = Math.max(array.length, 16);
  while (length < minLength) length *= 2;
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}
