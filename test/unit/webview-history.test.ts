// The history list as a user meets it: the open conversation marked, relative times, search by
// title at once and by text through the host, rename in place, Undo after a delete.
import { strict as assert } from 'node:assert';
import { relativeTime } from '../../src/protocol';
import { click, createHarness, initMessage, keydown, message, session } from './webview-harness';

// Times relative to when each test runs, not to when the file was loaded (the whole suite takes
// more than a minute, which would turn "5 minutes ago" into "6 minutes ago").
const sessionsNow = () => {
  const now = Date.now();
  return [
    { id: 's1', title: 'Refactor parser', updatedAt: now - 5 * 60_000, messageCount: 4, workspace: 'demo' },
    { id: 's2', title: 'SQL question', updatedAt: now - 3 * 24 * 3600_000, messageCount: 2 },
  ];
};

function openHistory(): ReturnType<typeof createHarness> {
  const h = createHarness({ init: initMessage({ session: session([message({ id: 'u1', role: 'user', text: 'x' })], 's1') }) });
  click(h.button('History'));
  h.send({ type: 'history', sessions: sessionsNow() });
  return h;
}

const items = (h: ReturnType<typeof createHarness>): HTMLElement[] => Array.from(h.doc.querySelectorAll<HTMLElement>('.history-item'));

describe('chat webview: history', () => {
  it('marks the open conversation and says when each was used, relatively, with the date on hover', () => {
    const h = openHistory();
    const [first, second] = items(h);
    assert.equal(first.querySelector('.history-open')?.getAttribute('aria-current'), 'true');
    assert.ok(first.classList.contains('current'));
    assert.equal(second.querySelector('.history-open')?.getAttribute('aria-current'), null);
    assert.match(first.querySelector('.history-meta')?.textContent ?? '', /^5 minutes ago · demo · 4 messages$/);
    assert.match(second.querySelector('.history-meta')?.textContent ?? '', /^3 days ago · 2 messages$/);
    assert.ok(first.querySelector('time')?.getAttribute('title'), 'the full date as a tooltip');
    // Another conversation opened: the mark moves.
    h.send({ type: 'session', session: session([], 's2') });
    assert.equal(items(h)[1].querySelector('.history-open')?.getAttribute('aria-current'), 'true');
    assert.equal(items(h)[0].querySelector('.history-open')?.getAttribute('aria-current'), null);
  });

  it('relative times: just now, minutes, hours, yesterday, days, then the date', () => {
    const now = Date.UTC(2026, 5, 15, 12);
    assert.equal(relativeTime(now - 10_000, now, 'just now', 'en'), 'just now');
    assert.equal(relativeTime(now - 2 * 3600_000, now, 'just now', 'en'), '2 hours ago');
    assert.equal(relativeTime(now - 30 * 3600_000, now, 'just now', 'en'), 'yesterday');
    assert.match(relativeTime(now - 40 * 24 * 3600_000, now, 'just now', 'en'), /2026/);
  });

  it('search filters titles at once and asks the host to search the text', async () => {
    const h = openHistory();
    const search = h.doc.querySelector<HTMLInputElement>('input[aria-label="Search conversations"]')!;
    search.value = 'sql';
    search.dispatchEvent(new (h.win as unknown as { Event: typeof Event }).Event('input'));
    assert.deepEqual(items(h).map((i) => i.getAttribute('data-id')), ['s2']);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(h.posted.at(-1), { type: 'listHistory', query: 'sql' });
    // The host found the word in the text of s1 too.
    h.send({ type: 'history', sessions: sessionsNow(), query: 'sql' });
    assert.deepEqual(items(h).map((i) => i.getAttribute('data-id')), ['s1', 's2']);
    search.value = 'nothing like this';
    search.dispatchEvent(new (h.win as unknown as { Event: typeof Event }).Event('input'));
    assert.equal(items(h).length, 0);
    assert.equal(h.doc.querySelector<HTMLElement>('.history-empty')?.textContent, 'No conversation matches.');
  });

  it('search by keyboard: ArrowDown walks into the results, Enter in the box opens the first', () => {
    const h = openHistory();
    const search = h.doc.querySelector<HTMLInputElement>('input[aria-label="Search conversations"]')!;
    search.focus();
    search.value = 'sql';
    search.dispatchEvent(new (h.win as unknown as { Event: typeof Event }).Event('input'));
    assert.deepEqual(items(h).map((i) => i.getAttribute('data-id')), ['s2']);
    assert.equal(keydown(search, 'Enter').defaultPrevented, true);
    assert.deepEqual(h.posted.at(-1), { type: 'openSession', sessionId: 's2' });

    const again = openHistory();
    const box = again.doc.querySelector<HTMLInputElement>('input[aria-label="Search conversations"]')!;
    box.focus();
    keydown(box, 'ArrowDown');
    const opens = Array.from(again.doc.querySelectorAll<HTMLElement>('.history-open'));
    assert.equal(again.doc.activeElement, opens[0], 'ArrowDown from the box: the first result');
    keydown(opens[0], 'ArrowDown');
    assert.equal(again.doc.activeElement, opens[1], 'ArrowDown in the list: the next result');
    keydown(opens[1], 'ArrowUp');
    keydown(opens[0], 'ArrowUp');
    assert.equal(again.doc.activeElement, box, 'ArrowUp from the first: back to the box');
  });

  it('renames a conversation in place', () => {
    const h = openHistory();
    click(h.button('Rename "SQL question"'));
    const input = h.doc.querySelector<HTMLInputElement>('.history-rename-input')!;
    assert.equal(h.doc.activeElement, input);
    input.value = 'Joins in Postgres';
    keydown(input, 'Enter');
    assert.deepEqual(h.posted.at(-1), { type: 'renameSession', sessionId: 's2', title: 'Joins in Postgres' });
    assert.equal(items(h)[1].querySelector('.history-title')?.textContent, 'Joins in Postgres');
    // Esc cancels without posting.
    const count = h.posted.length;
    click(h.button('Rename "Joins in Postgres"'));
    keydown(h.doc.querySelector('.history-rename-input')!, 'Escape');
    assert.equal(h.posted.length, count);
    assert.equal(h.doc.querySelector<HTMLElement>('.history-panel')!.hidden, false, 'Esc in the rename box does not close the list');
  });

  it('a delete can be undone', () => {
    const h = openHistory();
    click(h.button('Delete "SQL question"'));
    assert.deepEqual(h.posted.at(-1), { type: 'deleteSession', sessionId: 's2' });
    assert.deepEqual(items(h).map((i) => i.getAttribute('data-id')), ['s1']);
    h.send({ type: 'history', sessions: [sessionsNow()[0]], deleted: { id: 's2', title: 'SQL question' } });
    const undoBar = h.doc.querySelector<HTMLElement>('.history-undo')!;
    assert.equal(undoBar.hidden, false);
    assert.match(undoBar.textContent ?? '', /Deleted "SQL question"/);
    click(Array.from(undoBar.querySelectorAll('button')).find((b) => b.textContent === 'Undo')!);
    assert.deepEqual(h.posted.at(-1), { type: 'restoreSession', sessionId: 's2' });
    assert.equal(undoBar.hidden, true);
  });
});
