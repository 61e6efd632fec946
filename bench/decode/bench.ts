// Section 1: decode throughput. One recorded stream per protocol, replayed over loopback to our
// client, the official SDK for that protocol and a lean reference loop; median of N timed runs
// after a warm-up, runs interleaved so drift (GC, CPU frequency) hits every reader alike.
import { median } from '../lib/stats';
import { anthropicReader, leanReader, openaiReader, oursReader, type Assembled, type Reader } from './readers';
import { buildRecording, type Protocol, type Recording } from './recording';
import { startReplayServer } from './server';

export interface ReaderResult {
  name: string;
  status: 'ok' | 'pending' | 'error';
  /** Why a reader has no number (pending module, or the error it threw). */
  note?: string;
  runsMs?: number[];
  medianMs?: number;
  eventsPerSec?: number;
  mbPerSec?: number;
  assembled?: Assembled;
  /** Assembled the same text, reasoning and usage as the recording holds. */
  sane?: boolean;
}

export interface ProtocolResult {
  protocol: Protocol;
  events: number;
  bytes: number;
  socketWrites: number;
  expected: Recording['expected'];
  readers: ReaderResult[];
}

export interface DecodeResult {
  runs: number;
  protocols: ProtocolResult[];
}

const PENDING_CLIENT = /not implemented/i;

function sameAs(expected: Recording['expected'], got: Assembled): boolean {
  return (
    got.textChars === expected.textChars &&
    got.reasoningChars === expected.reasoningChars &&
    got.outputTokens === expected.outputTokens
  );
}

async function measureProtocol(
  recording: Recording,
  readers: Reader[],
  origin: string,
  runs: number,
  log: (line: string) => void,
): Promise<ProtocolResult> {
  const results: ReaderResult[] = readers.map((r) => ({ name: r.name, status: 'ok', runsMs: [] }));
  const reads = readers.map((r) => r.prepare(origin));
  // Warm-up: JIT, connection pool, and the first check that each reader works at all.
  for (let i = 0; i < readers.length; i++) {
    try {
      const got = await reads[i]();
      results[i].assembled = got;
      results[i].sane = sameAs(recording.expected, got);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      results[i].status = PENDING_CLIENT.test(message) ? 'pending' : 'error';
      results[i].note = PENDING_CLIENT.test(message) ? 'pending: src/client streamChat' : `error: ${message}`;
    }
  }
  for (let run = 0; run < runs; run++) {
    for (let i = 0; i < readers.length; i++) {
      if (results[i].status !== 'ok') continue;
      const start = performance.now();
      const got = await reads[i]();
      const ms = performance.now() - start;
      results[i].runsMs!.push(ms);
      if (!sameAs(recording.expected, got)) results[i].sane = false;
    }
    log(`  decode ${recording.protocol}: run ${run + 1}/${runs}`);
  }
  for (const r of results) {
    if (r.status !== 'ok' || !r.runsMs) continue;
    r.medianMs = median(r.runsMs);
    r.eventsPerSec = recording.events / (r.medianMs / 1000);
    r.mbPerSec = recording.bytes / 1e6 / (r.medianMs / 1000);
  }
  return {
    protocol: recording.protocol,
    events: recording.events,
    bytes: recording.bytes,
    socketWrites: recording.writes.length,
    expected: recording.expected,
    readers: results,
  };
}

export async function benchDecode(opts: { runs: number; minEvents: number; log: (line: string) => void }): Promise<DecodeResult> {
  const recordings = {
    openai: buildRecording('openai', { minEvents: opts.minEvents, seed: 20251123 }),
    anthropic: buildRecording('anthropic', { minEvents: opts.minEvents, seed: 20251123 }),
  };
  const server = await startReplayServer(recordings);
  try {
    const openai = await measureProtocol(
      recordings.openai,
      [oursReader('openai'), openaiReader(), leanReader('openai')],
      server.origin,
      opts.runs,
      opts.log,
    );
    const anthropic = await measureProtocol(
      recordings.anthropic,
      [oursReader('anthropic'), anthropicReader(), leanReader('anthropic')],
      server.origin,
      opts.runs,
      opts.log,
    );
    return { runs: opts.runs, protocols: [openai, anthropic] };
  } finally {
    await server.close();
  }
}
