// Coalesces rendering to at most one pass per animation frame. Host messages can arrive many times
// per frame (deltas, status); each only marks its view dirty, and the views render once, together,
// when the browser is about to paint. Hidden webviews get no frames, so nothing is wasted there.

export type RequestFrame = (callback: () => void) => void;

export class FrameScheduler {
  private readonly pending = new Set<() => void>();
  private requested = false;

  constructor(
    private readonly requestFrame: RequestFrame,
    /** Runs after each pass that rendered anything (the scroll follower hooks in here). */
    private readonly afterPass: () => void = () => {},
  ) {}

  /** Runs `task` in the next frame; scheduling the same function again before then is a no-op. */
  schedule(task: () => void): void {
    this.pending.add(task);
    if (this.requested) return;
    this.requested = true;
    this.requestFrame(() => this.flush());
  }

  /** Runs everything pending now (used by tests and when a synchronous render is needed). */
  flush(): void {
    this.requested = false;
    if (this.pending.size === 0) return;
    const tasks = Array.from(this.pending);
    this.pending.clear();
    for (const task of tasks) task();
    this.afterPass();
  }
}
