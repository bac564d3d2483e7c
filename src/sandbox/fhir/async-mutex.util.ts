/**
 * A FIFO async mutex. Writers to the sandbox repository hold it for a whole unit of work (one request or one
 * transaction), because a unit spans `await`s and must neither interleave with nor be rolled back over another
 * writer's acknowledged changes.
 */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `fn` once every earlier holder has finished; releases the mutex however `fn` ends. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release: () => void = () => undefined;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
