// Shared by the client tests: start the mock server, build requests against it, and collect a
// stream into what a user would see (text, reasoning, tool calls, usage, finish reason, error).
import { SiliconFlowError, streamChat, type ChatRequest, type ClientOptions, type StreamEvent } from '../../src/client';
import { startMockServer, type MockServer, type MockServerOptions } from '../mock-server';

/** A key that must never show up in an error message. */
export const SECRET_KEY = `sk-testsecret${'0123456789'}abcdefXYZ`; // built at run time: no key-shaped literal in the repo

export interface Collected {
  events: StreamEvent[];
  text: string;
  reasoning: string;
  toolCalls: { id: string; name: string; arguments: string }[];
  usages: Extract<StreamEvent, { type: 'usage' }>[];
  finishReason?: string;
  error?: SiliconFlowError;
}

export async function collect(stream: AsyncIterable<StreamEvent>): Promise<Collected> {
  const out: Collected = { events: [], text: '', reasoning: '', toolCalls: [], usages: [] };
  try {
    for await (const event of stream) {
      out.events.push(event);
      switch (event.type) {
        case 'text':
          out.text += event.text;
          break;
        case 'reasoning':
          out.reasoning += event.text;
          break;
        case 'tool_call':
          out.toolCalls.push({ id: event.id, name: event.name, arguments: event.arguments });
          break;
        case 'usage':
          out.usages.push(event);
          break;
        case 'done':
          out.finishReason = event.finishReason;
          break;
      }
    }
  } catch (err) {
    if (!(err instanceof SiliconFlowError)) throw err;
    out.error = err;
  }
  return out;
}

/** The parts of a result that must not depend on how the bytes were split. */
export function assembled(c: Collected): unknown {
  return { text: c.text, reasoning: c.reasoning, toolCalls: c.toolCalls, usages: c.usages, finishReason: c.finishReason, error: c.error?.kind };
}

export function chatRequest(server: MockServer, overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    baseUrl: server.baseUrl,
    apiKey: SECRET_KEY,
    protocol: 'openai',
    model: 'Qwen/Qwen2.5-7B-Instruct',
    messages: [{ role: 'user', content: 'Hello' }],
    ...overrides,
  };
}

/** No backoff waiting in tests unless a test asks for it. */
export const fast: ClientOptions = { random: () => 0 };

export function run(server: MockServer, overrides: Partial<ChatRequest> = {}, opts: ClientOptions = fast): Promise<Collected> {
  return collect(streamChat(chatRequest(server, overrides), opts));
}

/** Starts one mock server for a `describe` block, resets it between tests and closes it after. */
export function useMockServer(options: MockServerOptions = {}): { readonly server: MockServer } {
  const holder: { server?: MockServer } = {};
  before(async () => {
    holder.server = await startMockServer(options);
  });
  beforeEach(() => holder.server?.reset());
  after(async () => {
    await holder.server?.close();
  });
  return {
    get server(): MockServer {
      if (!holder.server) throw new Error('mock server not started');
      return holder.server;
    },
  };
}

/** A body as the server recorded it. */
export function recordedBody(server: MockServer, index = 0): Record<string, unknown> {
  return server.requests[index]!.body as Record<string, unknown>;
}
