// Real code spans for the FIM post-processing: cursor positions in a published codebase (axios,
// pinned in devDependencies; not our own files), each with the true middle, and the answers a
// model gives with the usual noise. Used by the post-processing unit test and the bench row.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { completionMode } from '../../src/completions/postprocess';
import { FIM_NOISES, seededRandom, type FimNoise } from '../mock-server';

export interface FimSpan {
  file: string;
  /** 'line-rest' (rest of a line), 'auto-closed' (the editor already inserted the closers), 'block' (body after an opener). */
  kind: 'line-rest' | 'auto-closed' | 'block';
  prefix: string;
  suffix: string;
  middle: string;
  multiline: boolean;
}

/** The source files of the pinned codebase, sorted, so the corpus is the same on every machine. */
export function corpusFiles(root = join(__dirname, '../../node_modules/axios/lib')): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.js')) out.push(path);
    }
  };
  walk(root);
  return out;
}

const CLOSING_TAIL = /[)\]}]+;?$/;

/**
 * Cursor positions as a typist meets them: inside a line after its indentation and after a
 * non-space character (the rest of the line is the middle), the same with the closers the editor
 * auto-inserted left in the suffix, and right after a block opener `{` at a line end (the block's
 * body, up to 8 lines, is the middle). `every`: one line in `every` is used per kind.
 */
export function corpusSpans(files = corpusFiles(), every = 3, seed = 7): FimSpan[] {
  const random = seededRandom(seed);
  const spans: FimSpan[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
    const lines = text.split('\n');
    const starts: number[] = [];
    let at = 0;
    for (const line of lines) {
      starts.push(at);
      at += line.length + 1;
    }
    const name = file.slice(file.indexOf('axios'));
    const add = (kind: FimSpan['kind'], from: number, to: number): void => {
      const prefix = text.slice(0, from);
      const suffix = text.slice(to);
      const middle = text.slice(from, to);
      if (middle.trim() === '') return;
      const linePrefix = prefix.slice(prefix.lastIndexOf('\n') + 1);
      const nl = suffix.indexOf('\n');
      const lineSuffix = nl < 0 ? suffix : suffix.slice(0, nl);
      spans.push({ file: name, kind, prefix, suffix, middle, multiline: completionMode(linePrefix, lineSuffix) === 'multi' });
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*')) continue;
      const indent = line.length - line.trimStart().length;
      if (i % every === 0 && line.trimEnd().length - indent > 2) {
        // A position after a non-space character, past the indentation, before the line end.
        const candidates: number[] = [];
        for (let c = indent + 1; c < line.trimEnd().length; c++) if (line[c - 1] !== ' ') candidates.push(c);
        if (candidates.length > 0) {
          const col = candidates[Math.floor(random() * candidates.length)]!;
          const end = starts[i]! + line.trimEnd().length;
          add('line-rest', starts[i]! + col, end);
          const closers = CLOSING_TAIL.exec(line.trimEnd());
          if (closers && starts[i]! + col < end - closers[0].length) add('auto-closed', starts[i]! + col, end - closers[0].length);
        }
      }
      if (i % every === 1 && line.trimEnd().endsWith('{')) {
        // The block's body: lines until the line that closes it (same indentation, starting with }).
        let j = i + 1;
        while (j < lines.length && !(lines[j]!.trim().startsWith('}') && lines[j]!.length - lines[j]!.trimStart().length === indent)) j++;
        if (j < lines.length && j - i - 1 >= 1 && j - i - 1 <= 8) add('block', starts[i]! + line.trimEnd().length, starts[j - 1]! + lines[j - 1]!.trimEnd().length);
      }
    }
  }
  return spans;
}

/** Noise combinations a model answer gets: each kind alone and the common pairs. */
export const NOISE_SETS: readonly (readonly FimNoise[])[] = [
  ...FIM_NOISES.map((n) => [n]),
  ['suffix-repeat', 'stray-newlines'],
  ['extra-closer', 'stray-newlines'],
];
