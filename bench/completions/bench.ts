// Inline completion rows: the editor-side cost of one request on a 5,000-line file, requests per
// 100 typed characters in a replayed typing session, and post-processing recovery on real code
// spans (axios, a pinned dev dependency). Each against a baseline measured in the same run.
import { readFileSync } from 'node:fs';
import { buildFimContext, indexSnippets, type NeighbourFile } from '../../src/completions/context';
import { cleanCompletion, completionMode } from '../../src/completions/postprocess';
import { CompletionTrigger } from '../../src/completions/trigger';
import { corpusFiles, corpusSpans, NOISE_SETS } from '../../test/fim-corpus';
import { FakeClock } from '../../test/fake-clock';
import { withFimNoise } from '../../test/mock-server';
import { percentile } from '../lib/stats';
import { seededRng } from '../lib/rng';

export interface CompletionsResult {
  cost: { p95Ms: number; medianMs: number; baselineP95Ms: number; samples: number; lines: number };
  typing: { chars: number; requests: number; baselineRequests: number; typedThrough: number; cacheHits: number; seconds: number };
  recovery: { answers: number; recovered: number; spans: number; madeWrong: number; baselineRecovered: number };
}

/** Real code: the corpus files concatenated until 5,000 lines. */
function bigFile(files: string[]): string {
  const lines: string[] = [];
  for (let i = 0; lines.length < 5000; i++) lines.push(...readFileSync(files[i % files.length]!, 'utf8').split('\n'));
  return lines.slice(0, 5000).join('\n');
}

/** Prompt building and post-processing for one cursor, as the provider does them per request. */
function oneRequest(text: string, offset: number, neighbours: NeighbourFile[], answer: string): void {
  const ctx = buildFimContext({ text, offset, path: 'lib/big.js', languageId: 'javascript', budgetTokens: 2048, neighbours });
  const linePrefix = ctx.prefix.slice(ctx.prefix.lastIndexOf('\n') + 1);
  const lineSuffix = ctx.suffix.split('\n', 1)[0]!;
  const multiline = completionMode(linePrefix, lineSuffix) === 'multi';
  cleanCompletion(answer, { prefix: text.slice(Math.max(0, offset - 8_000), offset), suffix: text.slice(offset, offset + 8_000), multiline, useTabs: false, tabSize: 2 });
}

/**
 * The cheapest provider conceivable: prefix and suffix cut by characters (no token budget, no
 * line boundaries, no header or snippets) and the answer only trimmed.
 */
function naiveRequest(text: string, offset: number, answer: string): void {
  const prompt = text.slice(Math.max(0, offset - 7000), offset);
  const suffix = text.slice(offset, offset + 1800);
  if (prompt.length + suffix.length + answer.trimEnd().length < 0) throw new Error('unreachable');
}

/** The fastest of `repeats` timings of `fn`: the cost of the work, without the machine's other load. */
function fastest(repeats: number, fn: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

function timeCost(samples: number): CompletionsResult['cost'] {
  const files = corpusFiles();
  const text = bigFile(files);
  // The provider indexes a neighbour once per document version; typing elsewhere does not change it.
  const neighbours = files.slice(1, 4).map((f) => {
    const t = readFileSync(f, 'utf8');
    return { path: f, text: t, index: indexSnippets(t) };
  });
  const rng = seededRng(11);
  const ours: number[] = [];
  const naive: number[] = [];
  for (let i = 0; i < samples + 20; i++) {
    const offset = rng.int(0, text.length);
    const answer = text.slice(offset, offset + rng.int(5, 200)) + '\n}\n';
    // Each cursor position is timed 3 times and the fastest kept: the p95 is then over positions
    // (long lines, deep nesting, far top-level lines), not over the other work on a shared machine.
    const a = fastest(3, () => oneRequest(text, offset, neighbours, answer));
    const b = fastest(3, () => naiveRequest(text, offset, answer));
    if (i >= 20) {
      ours.push(a);
      naive.push(b);
    }
  }
  return { p95Ms: percentile(ours, 95), medianMs: percentile(ours, 50), baselineP95Ms: percentile(naive, 95), samples, lines: 5000 };
}

interface Key {
  /** Milliseconds since the previous key. */
  gap: number;
  /** The line's text before the cursor after this key. */
  line: string;
}

/**
 * A typist re-typing real code lines: 60–220 ms between keys, longer pauses after words (20 %)
 * and at line ends (400–1,500 ms, thinking), and typos fixed with back-space (3 % of keys).
 */
function typingSession(lines: string[], seed: number): Key[] {
  const rng = seededRng(seed);
  const keys: Key[] = [];
  for (const full of lines) {
    const indent = /^\s*/.exec(full)![0];
    const target = full.trimEnd();
    let line = indent;
    for (let i = indent.length; i < target.length; i++) {
      const ch = target[i]!;
      if (rng.chance(0.03)) {
        keys.push({ gap: rng.int(60, 220), line: line + 'x' });
        keys.push({ gap: rng.int(150, 400), line });
      }
      line += ch;
      const pause = /[\s(.,;]/.test(ch) && rng.chance(0.2) ? rng.int(300, 900) : 0;
      keys.push({ gap: rng.int(60, 220) + pause, line });
    }
    keys.push({ gap: rng.int(400, 1500), line: '' });
  }
  return keys;
}

/**
 * Replays the session through the trigger policy on a fake clock. The model answers after
 * 250 ms; its answer is the rest of the real line half of the time, a wrong guess otherwise.
 * The baseline is a provider without debounce, typing-through or cache: one request per key.
 */
async function replayTyping(): Promise<CompletionsResult['typing']> {
  const files = corpusFiles();
  const sourceLines = readFileSync(files[5]!, 'utf8').split('\n').filter((l) => l.trim().length > 8 && !l.trim().startsWith('*') && !l.trim().startsWith('//')).slice(0, 60);
  const keys = typingSession(sourceLines, 3);
  const clock = new FakeClock();
  const rng = seededRng(5);
  const trigger = new CompletionTrigger({ debounceMs: 250, clock });
  let lineIndex = 0;
  let chars = 0;
  for (const key of keys) {
    await clock.tick(key.gap);
    if (key.line === '') {
      lineIndex++;
      continue;
    }
    chars++;
    const target = sourceLines[lineIndex]!.trimEnd();
    const position = `${lineIndex}:${key.line}`;
    void trigger
      .complete({
        position,
        cacheKey: position,
        fetch: () =>
          new Promise((resolve) => {
            const right = target.startsWith(key.line) && rng.chance(0.5);
            clock.setTimeout(() => resolve(right ? target.slice(key.line.length) || undefined : 'somethingElse();'), 250);
          }),
      })
      .then((answer) => trigger.noteShown(position, answer));
  }
  await clock.tick(5000);
  return { chars, requests: trigger.stats.requests, baselineRequests: chars, typedThrough: trigger.stats.typedThrough, cacheHits: trigger.stats.cacheHits, seconds: clock.time / 1000 };
}

function recovery(): CompletionsResult['recovery'] {
  const spans = corpusSpans();
  let answers = 0;
  let recovered = 0;
  let baselineRecovered = 0;
  let madeWrong = 0;
  for (const s of spans) {
    const ctx = { prefix: s.prefix, suffix: s.suffix, multiline: s.multiline, useTabs: false, tabSize: 2 };
    if (cleanCompletion(s.middle, ctx) !== s.middle) madeWrong++;
    for (const noise of NOISE_SETS) {
      const noisy = withFimNoise(s.middle, s.suffix, noise);
      if (noisy === s.middle) continue;
      answers++;
      if (cleanCompletion(noisy, ctx) === s.middle) recovered++;
      // Baseline: trailing whitespace trimmed, nothing else.
      if (noisy.trimEnd() === s.middle) baselineRecovered++;
    }
  }
  return { answers, recovered, spans: spans.length, madeWrong, baselineRecovered };
}

export async function benchCompletions(o: { quick: boolean; log: (line: string) => void }): Promise<CompletionsResult> {
  o.log('completions: editor-side cost on a 5,000-line file…');
  const cost = timeCost(o.quick ? 100 : 400);
  o.log('completions: replaying a typing session through the trigger policy…');
  const typing = await replayTyping();
  o.log('completions: post-processing recovery on real code spans…');
  return { cost, typing, recovery: recovery() };
}
