// A chat webview in jsdom, driven like the host drives the real one: host messages in, posted
// messages recorded, animation frames stepped by hand so coalescing is observable.
import { JSDOM } from 'jsdom';
import { ChatApp, type CachedViewState } from '../../src/webview/app';
import type { HostMessage, MessageView, SessionView, WebviewMessage } from '../../src/protocol';

export interface Harness {
  win: Window;
  doc: Document;
  app: ChatApp;
  posted: WebviewMessage[];
  /** Frames requested and not yet run. */
  frames: (() => void)[];
  /** Runs the pending frames (one animation frame). */
  frame(): void;
  send(message: HostMessage): void;
  clock: { now: number };
  state: CachedViewState | undefined;
  byRole(role: string, name: string): HTMLElement[];
  button(name: string): HTMLButtonElement;
}

export function session(messages: MessageView[] = [], id = 's1'): SessionView {
  return { id, title: 'Test', messages };
}

export function message(partial: Partial<MessageView> & Pick<MessageView, 'id' | 'role'>): MessageView {
  return { text: '', status: 'complete', createdAt: 1, ...partial };
}

export function initMessage(overrides: Partial<Extract<HostMessage, { type: 'init' }>> = {}): HostMessage {
  return {
    type: 'init',
    version: 1,
    session: session(),
    model: 'deepseek-ai/DeepSeek-V3',
    busy: false,
    hasKey: true,
    strings: {},
    pending: [],
    draft: '',
    ...overrides,
  };
}

export function createHarness(options: { runScripts?: 'dangerously'; init?: HostMessage | false; state?: CachedViewState } = {}): Harness {
  const dom = new JSDOM('<!doctype html><html><body><div id="app"></div></body></html>', {
    pretendToBeVisual: true,
    ...(options.runScripts ? { runScripts: options.runScripts } : {}),
  });
  const win = dom.window as unknown as Window;
  const doc = win.document;
  const posted: WebviewMessage[] = [];
  const frames: (() => void)[] = [];
  const clock = { now: 1000 };
  const harness: Partial<Harness> = { win, doc, posted, frames, clock, state: options.state };
  const app = new ChatApp({
    win,
    root: doc.getElementById('app')!,
    host: {
      post: (m) => posted.push(m),
      getState: () => harness.state,
      setState: (s) => (harness.state = s),
    },
    requestFrame: (callback) => frames.push(callback),
    now: () => clock.now,
  });
  Object.assign(harness, {
    app,
    frame() {
      const run = frames.splice(0);
      for (const callback of run) callback();
    },
    send(m: HostMessage) {
      app.handle(m);
    },
    byRole(role: string, name: string) {
      return Array.from(doc.querySelectorAll<HTMLElement>(`[role="${role}"]`)).filter((e) => e.getAttribute('aria-label') === name);
    },
    button(name: string) {
      const found = Array.from(doc.querySelectorAll<HTMLButtonElement>('button')).filter((b) => b.getAttribute('aria-label') === name && !b.hidden);
      if (found.length === 0) throw new Error(`no visible button "${name}"`);
      return found[0]!;
    },
  });
  app.start();
  if (options.init !== false) {
    app.handle(options.init ?? initMessage());
  }
  return harness as Harness;
}

export function keydown(target: Element, key: string, init: { shiftKey?: boolean } = {}): KeyboardEvent {
  const win = target.ownerDocument.defaultView as unknown as { KeyboardEvent: typeof KeyboardEvent };
  const event = new win.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

export function click(target: Element): MouseEvent {
  const win = target.ownerDocument.defaultView as unknown as { MouseEvent: typeof MouseEvent };
  const event = new win.MouseEvent('click', { bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

export function typeInto(textarea: HTMLTextAreaElement, text: string): void {
  textarea.value = text;
  const win = textarea.ownerDocument.defaultView as unknown as { Event: typeof Event };
  textarea.dispatchEvent(new win.Event('input', { bubbles: true }));
}
