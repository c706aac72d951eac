import { performance } from 'node:perf_hooks';

/** setTimeout may fire a millisecond early or late, so the last millisecond is polled. */
const pollWithinMs = 1;

/**
 * Waits that end at an instant of `performance.now()`: never before it, and after it only by as
 * much as the event loop is busy. A plain setTimeout(20) counts from when it is called and fires
 * late, so injected latency would be more than was asked for.
 */
export class Deadlines {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly polls = new Set<NodeJS.Immediate>();

  until(deadline: number): Promise<void> {
    return new Promise((resolve) => this.check(deadline, resolve));
  }

  /** Drops every wait; their promises never settle, like the requests they belong to. */
  cancelAll(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.polls.forEach((poll) => clearImmediate(poll));
    this.timers.clear();
    this.polls.clear();
  }

  private check(deadline: number, resolve: () => void): void {
    const left = deadline - performance.now();
    if (left <= 0) {
      resolve();
    } else if (left > pollWithinMs) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.check(deadline, resolve);
      }, left - pollWithinMs);
      this.timers.add(timer);
    } else {
      const poll = setImmediate(() => {
        this.polls.delete(poll);
        this.check(deadline, resolve);
      });
      this.polls.add(poll);
    }
  }
}
