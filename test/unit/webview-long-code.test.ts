// Long code in parts (src/webview/longCode.ts), laid out by a real Chromium: a 10,000-character line
// still looks like one line that scrolls sideways to exactly its end, and a 3,000-line block is as
// tall as its lines (groups out of view are not laid out: their estimated size must be exact), whether shown from history or streamed in — the parts must be invisible.
import assert from 'node:assert/strict';
import type { HostMessage, MessageView } from '../../src/protocol';
import { LINES_PER_GROUP, LONG_LINE_PIECE } from '../../src/webview/longCode';
import { closeBrowser, openChatPage, type ChatPage } from './webview-chromium';

const LONG_LINE = 'const data = "' + 'x'.repeat(10_000) + '";';
const LINE_COUNT = 3_000;
const MANY_LINES = Array.from({ length: LINE_COUNT }, (_, i) => `line ${i};`).join('\n');
const ANSWER = `One line:\n\n\`\`\`js\n${LONG_LINE}\n\`\`\`\n\nMany lines:\n\n\`\`\`text\n${MANY_LINES}\n\`\`\`\n\nDone.`;

function init(messages: MessageView[], busy: boolean): HostMessage {
  return {
    type: 'init',
    version: 1,
    session: { id: 's1', title: 'Long code', messages },
    model: 'deepseek-ai/DeepSeek-V3',
    busy,
    hasKey: true,
    strings: {},
    pending: [],
    draft: '',
  } as unknown as HostMessage;
}

interface BlockLayout {
  /** Characters in the code element's text. */
  chars: number;
  lineHeight: number;
  /** Height of the code's content box (the pre without padding and scrollbar), px. */
  codeHeight: number;
  /** Full width of the scrolled content and the width of one character, px. */
  scrollWidth: number;
  charWidth: number;
  /** Pieces and groups: their boxes in order. */
  pieces: { top: number; left: number; right: number; height: number }[];
  groups: { top: number; bottom: number }[];
  /** content-visibility of the first and the last piece and group: only full parts may be skipped out of view. */
  partVisibility: string[];
}

/** Measures both code blocks of the answer (scrolled into view in turn, so each is laid out). */
async function measure(chat: ChatPage): Promise<BlockLayout[]> {
  return (chat.page as unknown as { evaluate(code: string): Promise<BlockLayout[]> }).evaluate(`(async () => {
    const out = [];
    for (const code of document.querySelectorAll('.message.assistant pre > code')) {
      const pre = code.parentElement;
      pre.scrollIntoView();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const style = getComputedStyle(code);
      const probe = document.createElement('span');
      probe.textContent = 'x'.repeat(100);
      code.append(probe);
      const charWidth = probe.getBoundingClientRect().width / 100;
      probe.remove();
      const preStyle = getComputedStyle(pre);
      const box = (e) => e.getBoundingClientRect();
      out.push({
        chars: code.textContent.length,
        lineHeight: parseFloat(style.lineHeight),
        codeHeight: pre.clientHeight - parseFloat(preStyle.paddingTop) - parseFloat(preStyle.paddingBottom),
        scrollWidth: pre.scrollWidth - parseFloat(preStyle.paddingLeft) - parseFloat(preStyle.paddingRight),
        charWidth,
        pieces: [...code.querySelectorAll('.code-piece')].map((p) => ({ top: box(p).top, left: box(p).left, right: box(p).right, height: box(p).height })),
        groups: [...code.querySelectorAll('.code-lines')].map((g) => ({ top: box(g).top, bottom: box(g).bottom })),
        partVisibility: ['.code-piece', '.code-lines'].flatMap((s) => { const all = code.querySelectorAll(s); return all.length ? [all[0], all[all.length - 1]].map((e) => getComputedStyle(e).contentVisibility) : []; }),
      });
    }
    return out;
  })()`);
}

function checkLayout(blocks: BlockLayout[], how: string): void {
  assert.equal(blocks.length, 2, how);
  const [line, lines] = blocks as [BlockLayout, BlockLayout];
  const near = (a: number, b: number, slack = 1): boolean => Math.abs(a - b) <= slack;
  // Chromium lays out in 1/64 px: a line is its line height rounded down to that.
  const lineBox = (block: BlockLayout): number => Math.floor(block.lineHeight * 64) / 64;

  assert.equal(line.chars, LONG_LINE.length, `${how}: the line's text is whole`);
  assert.equal(line.pieces.length, Math.ceil(LONG_LINE.length / LONG_LINE_PIECE), `${how}: pieces`);
  assert.ok(line.pieces.length >= 4, `${how}: ${line.pieces.length} pieces`);
  for (const [i, piece] of line.pieces.entries()) {
    assert.ok(near(piece.top, line.pieces[0]!.top), `${how}: piece ${i} is on another line (${piece.top} vs ${line.pieces[0]!.top})`);
    assert.ok(near(piece.height, line.lineHeight), `${how}: piece ${i} is ${piece.height} px high, a line is ${line.lineHeight}`);
    if (i > 0) assert.ok(near(piece.left, line.pieces[i - 1]!.right), `${how}: a gap or overlap before piece ${i}`);
  }
  assert.ok(near(line.codeHeight, line.lineHeight, 2), `${how}: the one-line block is ${line.codeHeight} px high, a line is ${line.lineHeight}`);
  // Scrolls sideways to the end of the line and no further.
  assert.ok(near(line.scrollWidth, LONG_LINE.length * line.charWidth, line.charWidth * 2), `${how}: scrolls ${line.scrollWidth} px for ${LONG_LINE.length * line.charWidth} px of text`);

  // The last, shorter part would take the full part's size while out of view: it is always laid out.
  assert.deepEqual(line.partVisibility, ['auto', 'visible'], `${how}: the line's first and last piece`);
  assert.deepEqual(lines.partVisibility, ['auto', 'visible'], `${how}: the block's first and last group`);
  assert.equal(lines.chars, MANY_LINES.length, `${how}: the lines' text is whole`);
  assert.equal(lines.groups.length, Math.ceil(LINE_COUNT / LINES_PER_GROUP), `${how}: groups`);
  for (const [i, group] of lines.groups.entries()) {
    if (i > 0) assert.ok(near(group.top, lines.groups[i - 1]!.bottom), `${how}: a gap or overlap before group ${i}`);
    if (i < lines.groups.length - 1) assert.ok(near(group.bottom - group.top, LINES_PER_GROUP * lineBox(lines)), `${how}: group ${i} is ${group.bottom - group.top} px high`);
  }
  assert.ok(near(lines.codeHeight, LINE_COUNT * lineBox(lines), 2), `${how}: ${LINE_COUNT} lines take ${lines.codeHeight} px, ${LINE_COUNT * lineBox(lines)} expected`);
}

describe('long code looks like ordinary code (real Chromium)', function () {
  this.timeout(60_000);
  after(closeBrowser);

  it('reopened from history: a 10,000-character line is one line that scrolls to its end; 3,000 lines are 3,000 lines high', async function () {
    const chat = await openChatPage(400, 700);
    if (typeof chat === 'string') return this.skip(); // no Chromium here
    await chat.send(init([
      { id: 'u1', role: 'user', text: 'Show me', status: 'complete', createdAt: 1 },
      { id: 'a1', role: 'assistant', text: ANSWER, status: 'complete', createdAt: 2 },
    ] as MessageView[], false));
    checkLayout(await measure(chat), 'reopened');
    await chat.close();
  });

  it('streamed in small deltas: the same', async function () {
    const chat = await openChatPage(400, 700);
    if (typeof chat === 'string') return this.skip();
    await chat.send(init([
      { id: 'u1', role: 'user', text: 'Show me', status: 'complete', createdAt: 1 },
      { id: 'a1', role: 'assistant', text: '', status: 'streaming', createdAt: 2 },
    ] as MessageView[], true));
    for (let at = 0; at < ANSWER.length; at += 2_000) await chat.send({ type: 'delta', messageId: 'a1', text: ANSWER.slice(at, at + 2_000) });
    checkLayout(await measure(chat), 'streaming');
    await chat.close();
  });
});
