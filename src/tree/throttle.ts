/**
 * Runs an action at most once per interval: at once when it last ran long enough ago, otherwise
 * once when the interval is up, however often it was asked for meanwhile. Pages that stream in
 * faster than the workbench can draw them are drawn at this pace instead of one by one.
 */
export class Throttle {
  private lastRun = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly action: () => void,
    private readonly intervalMs: () => number,
  ) {}

  /** Runs the action now or at the end of the interval. */
  request(): void {
    if (this.timer) {
      return;
    }
    const wait = this.lastRun + this.intervalMs() - performance.now();
    if (wait <= 0) {
      this.run();
    } else {
      this.timer = setTimeout(() => this.run(), wait);
    }
  }

  /** Runs the action now, and drops one that was waiting. */
  now(): void {
    this.run();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(): void {
    this.dispose();
    this.lastRun = performance.now();
    this.action();
  }
}
