// Plans a stream (events + shape + fault -> writes, stalls, a reset) and plays the plan onto a
// response, stopping as soon as the client goes away.

import type { ServerResponse } from 'node:http';
import { midstreamErrorEvent } from './errors';
import { seededRandom } from './random';
import { chunkUnits, encodeComment, encodeEvent, encodePrefix, type SseEvent } from './render';
import type { Fault, StreamShape } from './types';

export type Step = { write: Buffer } | { stall: number } | { reset: true };

/** Turns events into steps; the fault strikes after `afterEvents` data events but never after the ending began. */
export function planStream(events: SseEvent[], shape: StreamShape = {}, fault?: Fault): Step[] {
  const steps: Step[] = [];
  const units: Buffer[] = [];
  const random = seededRandom(shape.seed ?? 1);
  const add = (text: string) => units.push(Buffer.from(text, 'utf8'));
  const flush = () => {
    for (const write of chunkUnits(units, shape, random)) steps.push({ write });
    units.length = 0;
  };
  const list = fault?.kind === 'no-done' ? events.filter((e) => e.data !== '[DONE]') : events;
  const ending = list.findIndex((e) => e.terminal);
  const strikeAt = fault && 'afterEvents' in fault ? Math.min(Math.max(0, fault.afterEvents), ending < 0 ? list.length : ending) : -1;
  const prefix = encodePrefix(shape);
  if (prefix) add(prefix);
  if (fault?.kind === 'after-finish') {
    for (const event of list.slice(0, ending < 0 ? list.length : ending + 1)) add(encodeEvent(event, shape));
    flush();
    steps.push(fault.then === 'reset' ? { reset: true } : { stall: Number.POSITIVE_INFINITY });
    return steps;
  }
  if (fault?.kind === 'pings') {
    const anthropic = list[0]?.event === 'message_start' || list[0]?.data.includes('"message_start"');
    if (anthropic) add(encodeEvent(list[0]!, shape));
    flush();
    const ping: SseEvent = anthropic
      ? { event: 'ping', data: '{"type":"ping"}' }
      : { data: JSON.stringify({ id: 'chatcmpl-ping', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: '' }, finish_reason: null }] }) };
    const bytes = Buffer.from(encodeEvent(ping, shape), 'utf8');
    for (let i = 0; i < (fault.count ?? 20_000); i++) steps.push({ write: bytes }, { stall: fault.everyMs ?? 50 });
    return steps;
  }
  for (let i = 0; i <= list.length; i++) {
    if (i === strikeAt && fault) {
      switch (fault.kind) {
        case 'midstream':
          add(encodeEvent(midstreamErrorEvent(fault.shape), shape));
          flush();
          return steps;
        case 'truncate':
          flush();
          return steps;
        case 'reset':
          flush();
          steps.push({ reset: true });
          return steps;
        case 'stall':
          flush();
          steps.push({ stall: fault.ms ?? Number.POSITIVE_INFINITY });
          if (fault.ms === undefined) return steps;
          break;
        default:
          break;
      }
    }
    if (i === list.length) break;
    if (shape.comments && i === 0) add(encodeComment(shape));
    add(encodeEvent(list[i]!, shape));
    if (shape.comments && i < list.length - 1) add(encodeComment(shape));
  }
  flush();
  return steps;
}

export interface Connection {
  /** True once the client closed the connection (or the server is closing). */
  gone(): boolean;
  /** Resolves when gone. */
  whenGone: Promise<void>;
  /** Called right before the mock destroys the socket itself, so that is not taken for a client close. */
  markReset(): void;
}

function sleep(ms: number, conn: Connection): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  if (!Number.isFinite(ms)) return conn.whenGone;
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void conn.whenGone.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function write(res: ServerResponse, data: Buffer | string, conn: Connection): Promise<void> {
  if (conn.gone()) return;
  if (!res.write(data)) {
    await new Promise<void>((resolve) => {
      res.once('drain', resolve);
      void conn.whenGone.then(() => resolve());
    });
  }
}

/** Plays the steps: writes with the shape's delay between them, stalls (with keep-alives if asked), reset or end. */
export async function playSteps(res: ServerResponse, steps: Step[], shape: StreamShape, conn: Connection): Promise<void> {
  const delay = shape.delayMs ?? 0;
  const splits = (shape.chunking ?? 'event') !== 'event';
  let wrote = false;
  for (const step of steps) {
    if (conn.gone()) return;
    if ('write' in step) {
      if (wrote && delay > 0) await sleep(delay, conn);
      // Without a delay, back-to-back writes reach the client merged into one read; yielding to the
      // event loop between them lets each split arrive as its own chunk (same process or not).
      else if (wrote && splits) await new Promise<void>((resolve) => setImmediate(resolve));
      await write(res, step.write, conn);
      wrote = true;
    } else if ('stall' in step) {
      await stall(res, step.stall, shape, conn);
    } else {
      await resetConnection(res, conn);
      return;
    }
  }
  if (!conn.gone()) res.end();
}

async function stall(res: ServerResponse, ms: number, shape: StreamShape, conn: Connection): Promise<void> {
  if (!shape.comments) return sleep(ms, conn);
  const every = Math.max(1, shape.keepAliveMs ?? 100);
  const until = Date.now() + ms;
  while (!conn.gone() && Date.now() < until) {
    await sleep(Math.min(every, until - Date.now()), conn);
    if (!conn.gone() && Date.now() < until) await write(res, encodeComment(shape), conn);
  }
}

/** Lets what was written reach the client, then drops the connection without ending the response. */
async function resetConnection(res: ServerResponse, conn: Connection): Promise<void> {
  const socket = res.socket;
  for (let i = 0; i < 50 && socket && socket.writableLength > 0 && !conn.gone(); i++) await sleep(10, conn);
  await sleep(20, conn);
  conn.markReset();
  socket?.destroy();
}
