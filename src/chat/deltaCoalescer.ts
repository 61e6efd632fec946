// Buffers the text and reasoning pieces of a streaming answer and hands them on at most once per
// interval. A model emits tens to hundreds of tokens a second; posting each one to the webview
// would flood the message channel and make the view re-render per token. No 'vscode' import.

export interface Delta {
  text?: string;
  reasoning?: string;
}

/** The timer functions, replaceable so tests can drive time by hand. */
export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realScheduler: Scheduler = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class DeltaCoalescer {
  private text = '';
  private reasoning = '';
  private timer: unknown;

  constructor(
    private readonly emit: (delta: Delta) => void,
    private readonly intervalMs = 33,
    private readonly scheduler: Scheduler = realScheduler,
  ) {}

  push(kind: 'text' | 'reasoning', piece: string): void {
    if (!piece) return;
    if (kind === 'text') this.text += piece;
    else this.reasoning += piece;
    // The first piece after a post starts the clock; later pieces ride along with it.
    if (this.timer === undefined) this.timer = this.scheduler.setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Posts whatever is buffered now (before a status change, so the webview sees the text first). */
  flush(): void {
    this.cancelTimer();
    if (!this.text && !this.reasoning) return;
    const delta: Delta = {};
    if (this.reasoning) delta.reasoning = this.reasoning;
    if (this.text) delta.text = this.text;
    this.text = '';
    this.reasoning = '';
    this.emit(delta);
  }

  /**
   * Drops the buffer without posting: used when the webview is (re)initialised from a snapshot
   * that already contains the buffered text, which would otherwise arrive twice.
   */
  discard(): void {
    this.cancelTimer();
    this.text = '';
    this.reasoning = '';
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
