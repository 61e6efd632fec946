// `npm run bench`: decode throughput, streaming render cost, bundle size and activation, each
// against its baseline in the same run. Prints a markdown table and writes bench/results.json.
// Flags: --only=decode,render,size,completions,history   --runs=N (decode runs, default 7)   --quick (smaller inputs, for trying the harness)
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { benchCompletions, type CompletionsResult } from './completions/bench';
import { completionsRows } from './completions/rows';
import { benchDecode, type DecodeResult } from './decode/bench';
import { benchHistory, type HistoryResult } from './history/bench';
import { historyRows } from './history/rows';
import { decodeRows } from './decode/rows';
import { describeMachine } from './lib/machine';
import { benchRender, type RenderResult } from './render/bench';
import { renderRows } from './render/rows';
import { benchSize, type SizeResult } from './size/bench';
import { sizeRows } from './size/rows';
import { formatTable, type Row } from './lib/table';

const ALL_SECTIONS = ['decode', 'render', 'size', 'completions', 'history'];

interface Options {
  sections: Set<string>;
  runs: number;
  quick: boolean;
}

function parseArgs(argv: string[]): Options {
  const value = (name: string): string | undefined =>
    argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const only = value('only');
  return {
    sections: new Set(only ? only.split(',') : ALL_SECTIONS),
    runs: Math.max(1, Number(value('runs') ?? 7)),
    quick: argv.includes('--quick'),
  };
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const machine = describeMachine();
  const started = Date.now();
  const loadAverageBefore = os.loadavg();
  log(`bench on ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}`);

  const rows: Row[] = [];
  let decode: DecodeResult | undefined;
  if (options.sections.has('decode')) {
    log('decode: building recordings and replaying them over loopback…');
    decode = await benchDecode({ runs: options.runs, minEvents: options.quick ? 20_000 : 100_000, log });
    rows.push(...decodeRows(decode));
  }
  let render: RenderResult | undefined;
  if (options.sections.has('render')) {
    log('render: headless Chromium, incremental renderer against a full re-render per chunk…');
    render = await benchRender({ quick: options.quick, log });
    if (render.status !== 'ok') log(`  ${render.note}`);
    rows.push(...renderRows(render));
  }
  let size: SizeResult | undefined;
  if (options.sections.has('size')) {
    size = await benchSize({ log });
    rows.push(...sizeRows(size));
  }
  let completions: CompletionsResult | undefined;
  if (options.sections.has('completions')) {
    completions = await benchCompletions({ quick: options.quick, log });
    rows.push(...completionsRows(completions));
  }
  let history: HistoryResult | undefined;
  if (options.sections.has('history')) {
    history = await benchHistory({ quick: options.quick, log });
    rows.push(...historyRows(history));
  }
  const loadAverageAfter = os.loadavg();

  const table = formatTable(rows);
  const results = {
    date: new Date().toISOString(),
    machine,
    options: { sections: [...options.sections], runs: options.runs, quick: options.quick },
    durationSec: Math.round((Date.now() - started) / 100) / 10,
    /** Other work on the machine skews every number: 1-minute load average before and after. */
    loadAverage: { before: loadAverageBefore[0], after: loadAverageAfter[0] },
    table: rows,
    decode,
    render,
    size,
    completions,
    history,
  };
  const machineLine =
    `Machine: ${machine.cpuModel}${machine.cpuMHz > 0 ? ` (${machine.cpuMHz} MHz)` : ''}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ` +
    `Node ${machine.node}, ${machine.platform}; 1-min load average ${loadAverageBefore[0].toFixed(1)} before, ` +
    `${loadAverageAfter[0].toFixed(1)} after; ${results.date.slice(0, 10)}.`;
  // Only a complete run replaces the committed results and the table in PERFORMANCE.md.
  const complete = options.sections.size === ALL_SECTIONS.length && !options.quick && options.runs >= 5;
  const file = complete ? join(__dirname, 'results.json') : join(os.tmpdir(), 'siliconflow-bench-results.partial.json');
  writeAtomically(file, `${JSON.stringify(results, null, 2)}\n`);
  if (complete) for (const doc of TABLE_DOCS) updateTableIn(doc, machineLine, table);
  console.log(`\n${machineLine}\n`);
  console.log(table);
  log(`\nwrote ${file}${complete ? ' and the table in bench/PERFORMANCE.md and README.md' : ' (partial run: bench/results.json untouched)'} (${results.durationSec} s)`);
}

function writeAtomically(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** The documents that show the latest table: the method write-up and the README's Performance section. */
const TABLE_DOCS = [join(__dirname, 'PERFORMANCE.md'), join(__dirname, '..', 'README.md')];

/** Replaces the text between the bench markers in `doc`, so it shows the latest run. */
function updateTableIn(doc: string, machineLine: string, table: string): void {
  if (!existsSync(doc)) return;
  const text = readFileSync(doc, 'utf8');
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END);
  if (start < 0 || end < start) return;
  writeAtomically(doc, `${text.slice(0, start + TABLE_START.length)}\n${machineLine}\n\n${table}\n${text.slice(end)}`);
}

const TABLE_START = '<!-- bench:table:start (npm run bench rewrites this part) -->';
const TABLE_END = '<!-- bench:table:end -->';

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
