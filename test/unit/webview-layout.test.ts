// The chat in VS Code's narrowest side bar (170 px), laid out by a real Chromium: Send is whole and
// nothing in the composer spills over, "Jump to latest" is a small corner button instead of a label
// across the code, and headings and code-block headers do not break in the middle of a word.
import assert from 'node:assert/strict';
import type { HostMessage } from '../../src/protocol';
import { closeBrowser, openChatPage, type ChatPage } from './webview-chromium';

const ANSWER = [
  '# Implementation notes',
  '',
  '## Configuration options',
  '',
  'Some text.',
  '',
  '```typescript',
  'export function configureEverything(options: Options): void {',
  '  return;',
  '}',
  '```',
  '',
  '| Model | Context window | Price per million tokens |',
  '| --- | --- | --- |',
  '| DeepSeek-V3 | 128k | 2 |',
  '',
  'More text. '.repeat(120),
].join('\n');

function init(): HostMessage {
  return {
    type: 'init',
    version: 1,
    session: {
      id: 's1',
      title: 'Narrow',
      messages: [
        { id: 'u1', role: 'user', text: 'Question', status: 'complete', createdAt: 1 },
        // An unpriced model: the composer shows "cost unknown" beside the meter.
        { id: 'a1', role: 'assistant', text: ANSWER, status: 'complete', createdAt: 2, cost: {} },
      ],
    },
    model: 'Qwen/Qwen3-Coder-480B-A35B-Instruct',
    busy: false,
    hasKey: true,
    strings: {},
    pending: [],
    draft: '',
    // The context meter shows too: it shares the composer bar with the model name and Send.
    context: { usedTokens: 123_456, windowTokens: 131_072, leftOut: [] },
  } as HostMessage;
}

interface Layout {
  width: number;
  send: { left: number; right: number; width: number };
  barOverflow: number;
  /** Pairs of composer-bar controls that overlap, by class name. */
  barOverlaps: string[];
  /** Send, the model button, the meter and the cost: overlapping pairs, parts outside the bar, cut text. */
  controlProblems: string[];
  /** Visible width of the model name, and of the name unshortened (px). */
  modelName: { shown: number; whole: number };
  meterBarWidth: number;
  tableHeaderWordsBroken: string[];
  codeHeaderHeight: number;
  codeLangLines: number;
  authorLines: number[];
  headingWordsBroken: string[];
  jump: { left: number; width: number; labelShown: boolean; hidden: boolean };
}

/** Measures in the page (as text: the test runner's TypeScript helpers do not exist there). */
const SCROLL_UP = `(async () => {
  document.querySelector('.messages').scrollTop = 0;
  await new Promise((r) => setTimeout(r, 100));
})()`;

const MEASURE = `(async () => {
  const box = (e) => e.getBoundingClientRect();
  const send = box(document.querySelector('.send-button'));
  const bar = document.querySelector('.composer-bar');
  const lang = document.querySelector('.code-lang');
  const lineHeight = parseFloat(getComputedStyle(lang).lineHeight) || 14;
  const brokenWords = (selector) => {
    const broken = [];
    for (const h of document.querySelectorAll(selector)) {
      const text = h.firstChild;
      let at = 0;
      for (const word of text.textContent.split(' ')) {
        const range = document.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + word.length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(word);
        at += word.length + 1;
      }
    }
    return broken;
  };
  const broken = brokenWords('.markdown h1, .markdown h2');
  const controlProblems = (() => {
    const names = ['.send-button', '.model-button', '.context-meter', '.conversation-cost'];
    const shown = names.map((n) => [n, document.querySelector(n)]).filter(([, e]) => e && !e.hidden && e.getClientRects().length > 0);
    const out = [];
    if (shown.length < names.length) out.push('shown: ' + shown.map(([n]) => n).join(' '));
    const b = box(bar);
    for (const [n, e] of shown) {
      const r = box(e);
      if (r.left < b.left - 0.5 || r.right > b.right + 0.5) out.push(n + ' outside the bar');
      if (r.width < 12) out.push(n + ' is ' + r.width + ' px wide');
      // Its content cut without an ellipsis, or spilling out of it.
      for (const part of [e, ...e.querySelectorAll('*')]) {
        const p = box(part);
        if (p.width > 0 && (p.left < r.left - 0.5 || p.right > r.right + 0.5)) out.push(n + ': ' + (part.className || part.tagName) + ' sticks out');
      }
      const text = e.matches('.conversation-cost') ? e : e.querySelector('.context-meter-text');
      if (text && text.getClientRects().length && text.scrollWidth > text.clientWidth + 1) out.push(n + ' text cut: ' + text.textContent);
    }
    for (let i = 0; i < shown.length; i++) {
      for (let j = i + 1; j < shown.length; j++) {
        const p = box(shown[i][1]);
        const q = box(shown[j][1]);
        if (p.left < q.right - 0.5 && q.left < p.right - 0.5 && p.top < q.bottom - 0.5 && q.top < p.bottom - 0.5) out.push(shown[i][0] + ' over ' + shown[j][0]);
      }
    }
    return out;
  })();
  const name = document.querySelector('.model-name');
  const jump = document.querySelector('.jump-to-latest');
  const label = jump.querySelector('.jump-label');
  return {
    width: innerWidth,
    send: { left: send.left, right: send.right, width: send.width },
    barOverflow: bar.scrollWidth - bar.clientWidth,
    controlProblems,
    modelName: { shown: box(name).width, whole: name.scrollWidth },
    meterBarWidth: box(document.querySelector('.context-meter-bar')).width,
    tableHeaderWordsBroken: brokenWords('.markdown th'),
    barOverlaps: (() => {
      const shown = [...bar.children].filter((c) => !c.hidden && c.getClientRects().length > 0);
      const row = (c) => Math.round(box(c).top);
      const out = [];
      for (let i = 1; i < shown.length; i++) {
        if (row(shown[i - 1]) === row(shown[i]) && box(shown[i - 1]).right > box(shown[i]).left + 0.5) out.push(shown[i - 1].className + ' / ' + shown[i].className);
      }
      if (shown.length && box(shown[shown.length - 1]).right > box(bar).right + 0.5) out.push(shown[shown.length - 1].className + ' / the edge');
      // A control whose content spills out of its own box (and so under its neighbour).
      for (const c of shown) if (getComputedStyle(c).overflowX === 'visible' && c.scrollWidth > c.clientWidth + 1) out.push(c.className + ' spills');
      return out;
    })(),
    codeHeaderHeight: box(document.querySelector('.code-header')).height,
    codeLangLines: Math.round(box(lang).height / lineHeight),
    authorLines: [...document.querySelectorAll('.message-author')].map((a) => Math.round(box(a).height / (parseFloat(getComputedStyle(a).lineHeight) || 19))),
    headingWordsBroken: broken,
    jump: { left: box(jump).left, width: box(jump).width, labelShown: !!label && label.getClientRects().length > 0, hidden: jump.hidden },
  };
})()`;

/** Scrolls up to the headings, lets a new message arrive (which offers "Jump to latest"), measures. */
async function measure(chat: ChatPage): Promise<Layout> {
  const page = chat.page as unknown as { evaluate<T>(code: string): Promise<T> };
  await page.evaluate<void>(SCROLL_UP);
  await chat.send({ type: 'messageAdded', message: { id: 'a2', role: 'assistant', text: 'Later.', status: 'complete', createdAt: 3 } });
  // The context meter, with long figures, and Stop (the busy state) in place of Send.
  await chat.send({ type: 'context', context: { usedTokens: 108_000, windowTokens: 262_144, leftOut: [] } });
  await chat.send({ type: 'busy', busy: true });
  return page.evaluate<Layout>(MEASURE);
}

describe('the chat in a narrow side bar (real Chromium)', function () {
  this.timeout(60_000);
  let narrow: Layout;
  let mid: Layout;
  /** VS Code's default side bar (300 px), where the context meter, the cost, the model name and Send share the bar. */
  let wide: Layout;

  before(async function () {
    const pages: ChatPage[] = [];
    for (const width of [170, 220, 300]) {
      const chat = await openChatPage(width, 600);
      if (typeof chat === 'string') return this.skip(); // no Chromium here: ${chat}
      await chat.send(init());
      pages.push(chat);
    }
    narrow = await measure(pages[0]);
    mid = await measure(pages[1]);
    wide = await measure(pages[2]);
    for (const p of pages) await p.close();
  });
  after(closeBrowser);

  it('at 170 px Send is whole and inside the view, and the composer bar does not spill over', () => {
    assert.equal(narrow.width, 170);
    assert.ok(narrow.send.right <= narrow.width, `Send ends at ${narrow.send.right} px of ${narrow.width}`);
    assert.ok(narrow.send.width >= 24, `Send is ${narrow.send.width} px wide`);
    assert.ok(narrow.barOverflow <= 0, `the composer bar overflows by ${narrow.barOverflow} px`);
    assert.deepEqual(narrow.barOverlaps, []);
  });

  it('at an ordinary width too, nothing in the composer bar runs under Stop', () => {
    assert.deepEqual(wide.barOverlaps, []);
    assert.ok(wide.send.right <= wide.width);
    assert.deepEqual(mid.barOverlaps, [], 'at 220 px');
    assert.ok(wide.barOverflow <= 0, `at 300 px the composer bar overflows by ${wide.barOverflow} px`);
  });

  it('Send, the model, the meter and the cost neither overlap nor are cut at 170, 220 and 300 px; the model name stays readable', () => {
    for (const [width, layout] of [[170, narrow], [220, mid], [300, wide]] as const) {
      assert.deepEqual(layout.controlProblems, [], `at ${width} px`);
      assert.ok(layout.meterBarWidth >= 30, `at ${width} px the meter's bar is ${layout.meterBarWidth} px`);
      // Whole, or at least some 8 characters of it before the ellipsis.
      assert.ok(layout.modelName.shown >= Math.min(layout.modelName.whole, 60), `at ${width} px the model name shows ${layout.modelName.shown} of ${layout.modelName.whole} px`);
    }
  });

  it('table headers wrap between words only (the table scrolls sideways instead)', () => {
    assert.deepEqual(narrow.tableHeaderWordsBroken, []);
    assert.deepEqual(wide.tableHeaderWordsBroken, []);
  });

  it('headings keep their words whole; message and code block headers stay one line', () => {
    assert.deepEqual(narrow.headingWordsBroken, []);
    assert.ok(narrow.authorLines.length >= 2 && narrow.authorLines.every((n) => n === 1), `author names take ${narrow.authorLines.join(', ')} lines`);
    assert.equal(narrow.codeLangLines, 1, `the language label takes ${narrow.codeLangLines} lines`);
    assert.ok(narrow.codeHeaderHeight < 32, `the code header is ${narrow.codeHeaderHeight} px high`);
  });

  it('"Jump to latest" is a small button in the corner when narrow, with its label when there is room', () => {
    assert.equal(narrow.jump.hidden, false, 'the reader is not at the bottom: the button should show');
    assert.equal(narrow.jump.labelShown, false);
    assert.ok(narrow.jump.width <= 32, `${narrow.jump.width} px wide`);
    assert.ok(narrow.jump.left > narrow.width / 2, 'it covers the middle of the text');
    assert.equal(wide.jump.labelShown, true);
  });
});
