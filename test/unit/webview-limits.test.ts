// The webview knows the host's size limits (the same LIMITS the validator uses): a prompt over the
// limit is kept in the box with the reason, a copy over the limit says so instead of "Copied", and
// an over-long link says why it does not open.
import { strict as assert } from 'node:assert';
import { LIMITS } from '../../src/chat/validate';
import { validateWebviewMessage } from '../../src/chat/validate';
import { click, createHarness, initMessage, keydown, message, session, typeInto } from './webview-harness';

describe('chat webview: size limits', () => {
  it('a prompt over the limit is not sent and not cleared; the box says why', () => {
    const h = createHarness();
    const input = h.doc.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]')!;
    const long = 'x'.repeat(LIMITS.prompt + 50_000);
    typeInto(input, long);
    const error = h.doc.querySelector<HTMLElement>('.input-error')!;
    assert.equal(error.hidden, false, 'said while typing, before Enter');
    keydown(input, 'Enter');
    assert.equal(h.posted.filter((m) => m.type === 'send').length, 0);
    assert.ok(input.value === long, 'what the user typed is kept');
    assert.match(error.textContent ?? '', /250,000 characters, over the limit of 200,000/);
    assert.equal(input.getAttribute('aria-invalid'), 'true');
    assert.equal(input.getAttribute('aria-describedby'), error.id);
    // The host would refuse such a draft, so none is posted; the view's own state keeps it.
    assert.equal(h.posted.filter((m) => m.type === 'draft' && m.text.length > LIMITS.prompt).length, 0);
    typeInto(input, 'x'.repeat(LIMITS.prompt));
    assert.equal(error.hidden, true);
    keydown(input, 'Enter');
    const sent = h.posted.find((m) => m.type === 'send');
    assert.ok(sent && validateWebviewMessage(sent).ok, 'exactly at the limit: sent, and the host accepts it');
  });

  it('an edit over the limit stays open with its text', () => {
    const h = createHarness({ init: initMessage({ session: session([message({ id: 'u1', role: 'user', text: 'short' })]) }) });
    h.frame();
    const user = h.byRole('article', 'You')[0]!;
    click(user.querySelector('button[aria-label="Edit"]')!);
    const editor = user.querySelector<HTMLTextAreaElement>('textarea')!;
    editor.value = 'y'.repeat(LIMITS.prompt + 1);
    keydown(editor, 'Enter');
    assert.equal(h.posted.filter((m) => m.type === 'editResend').length, 0);
    assert.equal(user.querySelector('textarea'), editor, 'still editing');
    assert.match(h.doc.querySelector('.notice')?.textContent ?? '', /over the limit of 200,000/);
  });

  it('Copy of an answer over the limit says it did not copy, instead of "Copied"', () => {
    const huge = 'z'.repeat(LIMITS.code + 1);
    const h = createHarness({ init: initMessage({ session: session([message({ id: 'u1', role: 'user', text: 'q' }), message({ id: 'a1', role: 'assistant', text: huge })]) }) });
    h.frame();
    const answer = h.byRole('article', 'SiliconFlow')[0]!;
    const copy = answer.querySelector<HTMLButtonElement>('.message-header button[aria-label="Copy"]')!;
    click(copy);
    assert.equal(h.posted.filter((m) => m.type === 'copy').length, 0);
    assert.equal(copy.querySelector('.copied-note'), null, 'no "Copied"');
    const notice = h.doc.querySelector<HTMLElement>('.notice')!;
    assert.equal(notice.hidden, false);
    assert.equal(notice.getAttribute('role'), 'alert');
    assert.match(notice.textContent ?? '', /Not copied: the text is 1,000,001 characters, over the limit of 1,000,000/);
    click(notice.querySelector('button[aria-label="Dismiss"]')!);
    assert.equal(notice.hidden, true);
  });

  it('a link over the limit says why it does not open; a normal one opens', () => {
    const longHref = 'https://example.com/' + 'a'.repeat(LIMITS.href);
    const h = createHarness({
      init: initMessage({
        session: session([message({ id: 'a1', role: 'assistant', text: `[long](${longHref}) and [short](https://example.com/)` })]),
      }),
    });
    h.frame();
    const [long, short] = Array.from(h.doc.querySelectorAll<HTMLAnchorElement>('.markdown a'));
    click(long);
    assert.equal(h.posted.filter((m) => m.type === 'openLink').length, 0);
    assert.match(h.doc.querySelector('.notice')?.textContent ?? '', /This link is 2,068 characters, over the limit of 2,048/);
    click(short);
    assert.deepEqual(h.posted.at(-1), { type: 'openLink', href: 'https://example.com/' });
  });
});
