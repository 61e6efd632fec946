// Cross-process control: `[[mock:…]]` directives in the last user message let the end-to-end tests
// and the demo steer a mock server running in another process, through the real extension UI.

import type { Fault, StreamShape } from './types';

export interface Directives {
  fault?: Fault;
  shape?: StreamShape;
  long?: boolean;
  think?: boolean;
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
      case 'delay':
        directives.shape = { ...directives.shape, delayMs: Math.max(0, Number(value) || 0) };
        break;
      case 'long':
        directives.long = true;
        break;
      case 'think':
        directives.think = true;
        break;
      default:
        break;
    }
  }
  if (code !== undefined && directives.fault?.kind === 'status') directives.fault.code = code;
  return { directives, cleaned: text.replace(DIRECTIVE, '').trim() };
}
