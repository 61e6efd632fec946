// Cross-process control: `[[mock:…]]` directives in the last user message let the end-to-end tests
// and the demo steer a mock server running in another process, through the real extension UI.
//
//   [[mock:status=N]] [[mock:code=N]]      answer status N with its real body (code picks a variant, e.g. 403 30011)
//   [[mock:midstream=anthropic|openai|native]]  an error event after a few events
//   [[mock:reset]] [[mock:truncate]] [[mock:no-done]]  drop the connection / end early / omit [DONE]
//   [[mock:stall]] [[mock:stall=MS]]      stop writing (forever, or for MS)
//   [[mock:redirect=URL]]                 answer 307 with Location: URL
//   [[mock:after-finish=reset|stall]]     the finish reason, then a reset / silence instead of the end
//   [[mock:pings]]                        keep-alive events only, never an answer
//   [[mock:delay=MS]] [[mock:comments]] [[mock:chunking=byte|random|N]] [[mock:lines=crlf|cr]]
//   [[mock:think]] [[mock:long]]          reasoning first / a ~40k-character markdown answer
//   [[mock:echo]]                         the answer is the rest of the message, as written (to see
//                                         how any Markdown, math or think tags a model sends is shown)
//
// A queued entry (enqueue or POST /__mock/enqueue) wins over directives for the request it answers.

import type { Fault, StreamShape } from './types';

export interface Directives {
  fault?: Fault;
  shape?: StreamShape;
  long?: boolean;
  think?: boolean;
  /** Answer with the message itself (without the directives). */
  echo?: boolean;
}

const DIRECTIVE = /\[\[mock:([a-z-]+)(?:=([^\]]*))?\]\]/gi;

/** Where in the stream the mid-stream faults strike: after some text has been shown. */
const MIDSTREAM_AFTER = 6;

/** The directives found in `text`, and the text without them (what the default answer talks about). */
export function parseDirectives(text: string): { directives: Directives; cleaned: string } {
  const directives: Directives = {};
  let code: number | undefined;
  for (const match of text.matchAll(DIRECTIVE)) {
    const name = match[1]!.toLowerCase();
    const value = (match[2] ?? '').trim();
    switch (name) {
      case 'status':
        directives.fault = { kind: 'status', status: Number(value) || 500 };
        break;
      case 'code':
        code = Number(value);
        break;
      case 'midstream':
        directives.fault = {
          kind: 'midstream',
          shape: value === 'openai' || value === 'native' ? value : 'anthropic',
          afterEvents: MIDSTREAM_AFTER,
        };
        break;
      case 'reset':
        directives.fault = { kind: 'reset', afterEvents: MIDSTREAM_AFTER };
        break;
      case 'stall':
        directives.fault = value ? { kind: 'stall', afterEvents: MIDSTREAM_AFTER, ms: Number(value) } : { kind: 'stall', afterEvents: MIDSTREAM_AFTER };
        break;
      case 'truncate':
        directives.fault = { kind: 'truncate', afterEvents: MIDSTREAM_AFTER };
        break;
      case 'no-done':
        directives.fault = { kind: 'no-done' };
        break;
      case 'redirect':
        directives.fault = { kind: 'redirect', status: 307, location: value || 'http://127.0.0.1:9/v1/chat/completions' };
        break;
      case 'after-finish':
        directives.fault = { kind: 'after-finish', then: value === 'stall' ? 'stall' : 'reset' };
        break;
      case 'pings':
        directives.fault = { kind: 'pings' };
        break;
      case 'delay':
        directives.shape = { ...directives.shape, delayMs: Math.max(0, Number(value) || 0) };
        break;
      case 'comments':
        directives.shape = { ...directives.shape, comments: true };
        break;
      case 'chunking':
        directives.shape = { ...directives.shape, chunking: value === 'byte' || value === 'random' ? value : Number(value) > 0 ? Number(value) : 'event' };
        break;
      case 'lines':
        if (value === 'crlf' || value === 'cr' || value === 'lf') directives.shape = { ...directives.shape, lineEnding: value };
        break;
      case 'long':
        directives.long = true;
        break;
      case 'think':
        directives.think = true;
        break;
      case 'echo':
        directives.echo = true;
        break;
      default:
        break;
    }
  }
  if (code !== undefined && directives.fault?.kind === 'status') directives.fault.code = code;
  return { directives, cleaned: text.replace(DIRECTIVE, '').trim() };
}
