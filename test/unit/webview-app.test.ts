// The chat webview as a user meets it: what is on screen after `init`, what each control posts to
// the host, how streaming updates are coalesced and shown.
import { strict as assert } from 'node:assert';
import type { CachedViewState } from '../../src/webview/app';
import { PROTOCOL_VERSION } from '../../src/protocol';
import { click, createHarness, initMessage, keydown, message, session, typeInto } from './webview-harness';

describe('chat webview', () => {
  it('says ready with its protocol version, and builds nothing until init', () => {
    const h = createHarness({ init: false });
    assert.deepEqual(h.posted[0], { type: 'ready', version: PROTOCOL_VERSION });
    assert.equal(h.doc.querySelector('textarea'), null);
    h.send({ type: 'busy', busy: true }); // before init: ignored, no crash
  });

  it('shows the welcome with Set API Key when there is no key and no message', () => {
    const h = createHarness({ init: initMessage({ hasKey: false }) });
    const welcome = h.doc.querySelector<HTMLElement>('.welcome')!;
    assert.equal(welcome.hidden, false);
    const setKey = Array.from(welcome.querySelectorAll('button')).find((b) => b.textContent?.includes('Set API Key'));
    assert.ok(setKey && !setKey.hidden);
    click(setKey);
    assert.deepEqual(h.posted.at(-1), { type: 'setApiKey' });
    h.send({ type: 'hasKey', hasKey: true });
    assert.equal(setKey.hidden, true);
  });

  it('renders the conversation from init as articles named You and SiliconFlow', () => {
    const h = createHarness({
      init: initMessage({
        session: session([
          message({
            id: 'u1', role: 'user', text: 'Explain <b>this</b>\nplease',
            context: [{ kind: 'file', label: 'src/a.ts', languageId: 'typescript', content: 'x', truncated: true, originalLength: 90000 }],
          }),
          message({ id: 'a1', role: 'assistant', text: '**Sure.**', model: 'Qwen/Qwen3-8B', usage: { inputTokens: 123, outputTokens: 456, reasoningTokens: 78 } }),
        ]),
      }),
    });
    h.frame();
    const [user] = h.byRole('article', 'You');
    const [assistant] = h.byRole('article', 'SiliconFlow');
    assert.ok(user && assistant);
    assert.equal(user.querySelector('.user-text')?.textContent, 'Explain <b>this</b>\nplease', 'user text shown as typed');
    assert.equal(user.querySelector('.user-text b'), null);
    assert.match(user.querySelector('.chip')?.textContent ?? '', /src\/a\.ts.*truncated/);
    assert.equal(assistant.querySelector('.markdown strong')?.textContent, 'Sure.');
    assert.equal(assistant.querySelector('.usage')?.textContent, 'Qwen/Qwen3-8B · 123 in · 456 out · 78 reasoning');
    assert.equal(h.doc.querySelector<HTMLElement>('.welcome')!.hidden, true);
  });

  it('shows each answer’s estimated cost beside its tokens, "cost unknown" for an unpriced model, and the conversation’s total', () => {
    const h = createHarness({
      init: initMessage({
        session: session([
          message({ id: 'u1', role: 'user', text: 'Q' }),
          message({ id: 'a1', role: 'assistant', text: 'A', model: 'm/A', usage: { inputTokens: 1000, outputTokens: 50, cachedInputTokens: 600 }, cost: { yuan: 0.0123 } }),
          message({ id: 'u2', role: 'user', text: 'Q2' }),
          message({ id: 'a2', role: 'assistant', text: 'B', model: 'm/B', usage: { inputTokens: 10, outputTokens: 5 }, cost: {} }),
        ]),
      }),
    });
    h.frame();
    const [first, second] = h.byRole('article', 'SiliconFlow');
    assert.equal(first!.querySelector('.usage')?.textContent, 'm/A · 1000 in · 50 out · 600 cached · ≈ ¥0.0123');
    assert.equal(second!.querySelector('.usage')?.textContent, 'm/B · 10 in · 5 out · cost unknown');
    const total = h.doc.querySelector<HTMLElement>('.conversation-cost')!;
    assert.equal(total.hidden, false);
    assert.equal(total.textContent, '≈ ¥0.0123+');
    assert.match(total.title, /¥0\.0123, plus 1 answers/);
    h.send({ type: 'messageUpdated', message: message({ id: 'a2', role: 'assistant', text: 'B', model: 'm/B', cost: { yuan: 0.0077 } }) });
    assert.equal(total.textContent, '≈ ¥0.0200');
    h.send({ type: 'session', session: session([]) });
    assert.equal(total.hidden, true, 'a new conversation has no cost yet');
  });

  it('sends on Enter, keeps Shift+Enter for a new line, recalls the last prompt with ↑', () => {
    const h = createHarness();
    const input = h.doc.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]')!;
    typeInto(input, 'hello');
    assert.equal(keydown(input, 'Enter', { shiftKey: true }).defaultPrevented, false);
    assert.equal(h.posted.filter((m) => m.type === 'send').length, 0);
    keydown(input, 'Enter');
    assert.deepEqual(h.posted.find((m) => m.type === 'send'), { type: 'send', text: 'hello' });
    assert.equal(input.value, '');
    keydown(input, 'ArrowUp');
    assert.equal(input.value, 'hello');
    typeInto(input, '   ');
    keydown(input, 'Enter');
    assert.equal(h.posted.filter((m) => m.type === 'send').length, 1, 'blank input is not sent');
  });

  it('turns Send into Stop while busy; Stop and Esc post stop', () => {
    const h = createHarness();
    assert.ok(h.button('Send'));
    h.send({ type: 'busy', busy: true });
    const stop = h.button('Stop');
    click(stop);
    assert.deepEqual(h.posted.at(-1), { type: 'stop' });
    const input = h.doc.querySelector<HTMLTextAreaElement>('textarea')!;
    keydown(input, 'Escape');
    assert.equal(h.posted.filter((m) => m.type === 'stop').length, 2);
    typeInto(input, 'next question');
    keydown(input, 'Enter');
    assert.equal(h.posted.filter((m) => m.type === 'send').length, 0, 'no send while an answer streams');
    h.send({ type: 'busy', busy: false });
    assert.ok(h.button('Send'));
  });

  it('Enter while an answer streams says why nothing was sent and keeps the message; the note goes once it may send', () => {
    const h = createHarness();
    h.send({ type: 'busy', busy: true });
    const input = h.doc.querySelector<HTMLTextAreaElement>('textarea')!;
    const hint = h.doc.querySelector<HTMLElement>('.composer-hint')!;
    assert.equal(hint.hidden, true);
    typeInto(input, 'next question');
    keydown(input, 'Enter');
    assert.equal(h.posted.filter((m) => m.type === 'send').length, 0);
    assert.equal(input.value, 'next question', 'the message was lost');
    assert.equal(hint.hidden, false, 'Enter did nothing, silently');
    assert.match(hint.textContent ?? '', /still being written.*Esc to stop it/);
    assert.equal(hint.getAttribute('role'), 'status', 'screen readers hear it');
    h.send({ type: 'busy', busy: false });
    assert.equal(hint.hidden, true);
    keydown(input, 'Enter');
    assert.deepEqual(h.posted.filter((m) => m.type === 'send'), [{ type: 'send', text: 'next question' }]);
  });

  it('coalesces many deltas into one render per animation frame', () => {
    const h = createHarness();
    h.send({ type: 'messageAdded', message: message({ id: 'a1', role: 'assistant', status: 'streaming' }) });
    h.frame();
    for (let i = 0; i < 50; i++) h.send({ type: 'delta', messageId: 'a1', text: `word${i} ` });
    assert.equal(h.frames.length, 1, 'one frame requested for 50 deltas');
    const answer = h.doc.querySelector('[aria-label="SiliconFlow"] .markdown')!;
    assert.equal(answer.textContent, '', 'nothing rendered before the frame');
    h.frame();
    assert.match(answer.textContent?.trim() ?? '', /^word0 word1 .* word49$/);
    assert.ok(h.doc.querySelector('.status-line.streaming'), 'streaming indicator');
    h.send({ type: 'delta', messageId: 'unknown', text: 'ignored' });
    h.frame();
  });

  it('shows reasoning open while thinking, folds it with the duration when the answer starts', () => {
    const h = createHarness();
    h.send({ type: 'messageAdded', message: message({ id: 'a1', role: 'assistant', status: 'streaming' }) });
    h.send({ type: 'delta', messageId: 'a1', reasoning: 'Let me think' });
    h.frame();
    const details = h.doc.querySelector<HTMLDetailsElement>('details.thinking')!;
    assert.ok(details.open, 'open while thinking');
    assert.equal(details.querySelector('summary')?.textContent, 'Thinking…');
    h.clock.now += 12_300;
    h.send({ type: 'delta', messageId: 'a1', text: 'The answer' });
    h.frame();
    assert.equal(details.open, false, 'folded when the answer starts');
    assert.equal(details.querySelector('summary')?.textContent, 'Thought for 12 s');
    assert.equal(details.querySelector('.thinking-body')?.textContent, 'Let me think');
    details.open = true; // the reader opens it again: it stays open
    h.send({ type: 'messageUpdated', message: message({ id: 'a1', role: 'assistant', text: 'The answer', reasoning: 'Let me think', reasoningMs: 4000 }) });
    h.frame();
    assert.equal(details.open, true);
    assert.equal(details.querySelector('summary')?.textContent, 'Thought for 4 s');
  });

  it('renders the split the host made: tags in the text stay text, a host reset moves the thinking', () => {
    const h = createHarness();
    h.send({ type: 'messageAdded', message: message({ id: 'a1', role: 'assistant', status: 'streaming' }) });
    // A lone </think> has not arrived yet: the host sends the text as answer, the webview shows it as such.
    h.send({ type: 'delta', messageId: 'a1', text: 'The user wants a loop.' });
    h.frame();
    const article = h.byRole('article', 'SiliconFlow')[0]!;
    assert.equal(article.querySelector('.markdown')?.textContent?.trim(), 'The user wants a loop.');
    assert.equal(article.querySelector('details.thinking'), null);
    // It arrives: the host moves the text to reasoning and sends the whole message.
    h.send({ type: 'messageUpdated', message: message({ id: 'a1', role: 'assistant', status: 'streaming', text: 'Use a for loop.', reasoning: 'The user wants a loop.' }) });
    h.frame();
    assert.equal(article.querySelector('.markdown')?.textContent?.trim(), 'Use a for loop.');
    assert.equal(article.querySelector('.thinking-body')?.textContent, 'The user wants a loop.');
    // The webview does not split again: a tag in the answer (the host kept it as text) is text.
    h.send({ type: 'delta', messageId: 'a1', text: ' <think>x</think>' });
    h.frame();
    assert.equal(article.querySelector('.markdown')?.textContent?.trim(), 'Use a for loop. <think>x</think>');
    // An unclosed <think> at a normal end: the host takes the reasoning back, the section goes.
    h.send({ type: 'messageUpdated', message: message({ id: 'a1', role: 'assistant', status: 'complete', text: 'The answer is 42.' }) });
    h.frame();
    assert.equal(article.querySelector('details.thinking'), null);
    assert.equal(article.querySelector('.markdown')?.textContent?.trim(), 'The answer is 42.');
  });

  it('shows an error inline with Retry and Set API Key, and marks the partial answer interrupted', () => {
    const h = createHarness();
    h.send({ type: 'messageAdded', message: message({ id: 'a1', role: 'assistant', status: 'streaming' }) });
    h.send({ type: 'delta', messageId: 'a1', text: 'Partial' });
    h.frame();
    h.send({
      type: 'messageUpdated',
      message: message({ id: 'a1', role: 'assistant', text: 'Partial', status: 'error', error: { kind: 'auth', message: 'The API key was rejected.', needsKey: true } }),
    });
    h.frame();
    const article = h.byRole('article', 'SiliconFlow')[0]!;
    assert.equal(article.querySelector('.markdown')?.textContent?.trim(), 'Partial', 'the partial answer stays');
    assert.ok(article.querySelector('.status-line.interrupted'));
    assert.equal(article.querySelector('.error-text')?.textContent, 'The API key was rejected.');
    const buttons = Array.from(article.querySelectorAll('.error-box button'));
    click(buttons.find((b) => b.textContent === 'Retry')!);
    click(buttons.find((b) => b.textContent === 'Set API Key')!);
    assert.deepEqual(h.posted.slice(-2), [{ type: 'retry' }, { type: 'setApiKey' }]);
  });

  it('says under an answer that it hit the token limit or the content filter, with Regenerate, and announces it', async () => {
    const h = createHarness();
    h.send({ type: 'messageAdded', message: message({ id: 'a1', role: 'assistant', status: 'streaming' }) });
    h.send({ type: 'delta', messageId: 'a1', text: 'A long answer that' });
    h.frame();
    assert.equal(h.doc.querySelector('.finish-note'), null, 'no note while streaming');
    h.send({ type: 'messageUpdated', message: message({ id: 'a1', role: 'assistant', text: 'A long answer that', finishReason: 'length' }) });
    h.frame();
    const article = h.byRole('article', 'SiliconFlow')[0]!;
    assert.equal(article.querySelector('.finish-note')?.textContent, 'The answer reached the token limit (max_tokens).');
    assert.ok(article.contains(h.button('Regenerate')));
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(h.doc.querySelector('[role="status"]')?.textContent, 'The answer reached the token limit (max_tokens).');

    const restored = createHarness({
      init: initMessage({
        session: session([
          message({ id: 'u1', role: 'user', text: 'q' }),
          message({ id: 'a1', role: 'assistant', text: '', finishReason: 'content_filter' }),
          message({ id: 'u2', role: 'user', text: 'q2' }),
          message({ id: 'a2', role: 'assistant', text: 'fine', finishReason: 'stop' }),
        ]),
      }),
    });
    restored.frame();
    const notes = restored.doc.querySelectorAll('.finish-note');
    assert.equal(notes.length, 1, 'a normal end has no note');
    assert.equal(notes[0]!.textContent, "The answer was stopped by the service's content filter.");
    assert.ok(restored.byRole('article', 'SiliconFlow')[0]!.contains(notes[0]!));
  });

  it('offers Regenerate on the last answer only, and Edit that resends a user message', () => {
    const h = createHarness({
      init: initMessage({
        session: session([
          message({ id: 'u1', role: 'user', text: 'first' }),
          message({ id: 'a1', role: 'assistant', text: 'one' }),
          message({ id: 'u2', role: 'user', text: 'second' }),
          message({ id: 'a2', role: 'assistant', text: 'two' }),
        ]),
      }),
    });
    h.frame();
    const regenerate = Array.from(h.doc.querySelectorAll<HTMLButtonElement>('button[aria-label="Regenerate"]')).filter((b) => !b.hidden);
    // At the top of the last answer and again at its end, where the reader is; on no other answer.
    assert.equal(regenerate.length, 2);
    const lastAnswer = h.byRole('article', 'SiliconFlow')[1]!;
    assert.ok(lastAnswer.contains(regenerate[0]!) && lastAnswer.contains(regenerate[1]!));
    assert.ok(lastAnswer.querySelector('.answer-actions')!.contains(regenerate[1]!));
    click(regenerate[1]!);
    assert.deepEqual(h.posted.at(-1), { type: 'regenerate' });

    const firstUser = h.byRole('article', 'You')[0]!;
    click(firstUser.querySelector('button[aria-label="Edit"]')!);
    const editor = firstUser.querySelector<HTMLTextAreaElement>('textarea')!;
    assert.equal(editor.value, 'first');
    editor.value = 'first, reworded';
    // An earlier message: the edit box says, before sending, that the later turns go.
    assert.match(firstUser.querySelector('.edit-warning')?.textContent ?? '', /the 3 messages after it are removed/);
    assert.equal(firstUser.querySelector('.edit-warning')!.id, editor.getAttribute('aria-describedby'));
    click(Array.from(firstUser.querySelectorAll('button')).find((b) => b.textContent === 'Send, remove 3 later')!);
    assert.deepEqual(h.posted.at(-1), { type: 'editResend', messageId: 'u1', text: 'first, reworded' });
    assert.equal(firstUser.querySelector('textarea'), null);

    click(firstUser.querySelector('button[aria-label="Copy"]')!);
    assert.deepEqual(h.posted.at(-1), { type: 'copy', text: 'first' });
  });

  it('focusing the view puts the caret in the message box, unless something in it was focused on purpose', async () => {
    const h = createHarness({ init: initMessage({ session: session([message({ id: 'a1', role: 'assistant', text: 'Hi' })]) }) });
    h.frame();
    const input = h.doc.querySelector('textarea')!;
    assert.notEqual(h.doc.activeElement, input);
    h.win.dispatchEvent(new (h.win as unknown as { FocusEvent: typeof FocusEvent }).FocusEvent('focus'));
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(h.doc.activeElement, input, 'the caret stayed on <body>');

    // A click into the conversation (to select text) focuses it: a window focus does not take that away.
    const conversation = h.doc.querySelector<HTMLElement>('.messages')!;
    conversation.focus();
    h.win.dispatchEvent(new (h.win as unknown as { FocusEvent: typeof FocusEvent }).FocusEvent('focus'));
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(h.doc.activeElement, conversation);
  });

  it('a link opens once, through the host (VS Code\'s confirmation): the click never reaches VS Code\'s own link handler', () => {
    const h = createHarness({
      init: initMessage({ session: session([message({ id: 'a1', role: 'assistant', text: 'See [docs](https://docs.siliconflow.cn/x).' })]) }),
    });
    h.frame();
    // VS Code's webview listens for clicks on the window and, in a trusted workspace, opens the link without asking.
    const reached: string[] = [];
    h.win.addEventListener('click', (e) => reached.push((e.target as Element).closest('a')?.getAttribute('href') ?? ''));
    const link = h.doc.querySelector('.markdown a')!;
    const posted = h.posted.length;
    const event = click(link);
    assert.equal(event.defaultPrevented, true, 'the webview itself navigated');
    assert.deepEqual(reached, [], 'VS Code opened the link a second time');
    assert.deepEqual(h.posted.slice(posted), [{ type: 'openLink', href: 'https://docs.siliconflow.cn/x' }]);

    // A middle click opens it the same single way; a right click opens nothing.
    const win = h.win as unknown as { MouseEvent: typeof MouseEvent };
    const middle = new win.MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 });
    link.dispatchEvent(middle);
    link.dispatchEvent(new win.MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 2 }));
    assert.equal(middle.defaultPrevented, true);
    assert.equal(h.posted.slice(posted).length, 2);
  });

  it('model, attach, pending chips and draft post what the host expects', async () => {
    const h = createHarness();
    click(h.button('Model: deepseek-ai/DeepSeek-V3 (click to change)'));
    click(h.button('Attach Active File'));
    click(h.button('Attach Selection'));
    assert.deepEqual(h.posted.slice(-3), [{ type: 'pickModel' }, { type: 'attach', what: 'file' }, { type: 'attach', what: 'selection' }]);
    h.send({
      type: 'pending',
      attachments: [
        { kind: 'file', label: 'a.ts', languageId: 'typescript', content: 'x', truncated: false, originalLength: 1 },
        { kind: 'selection', label: 'b.ts:1-9', languageId: 'typescript', content: 'yy', truncated: true, originalLength: 50000 },
      ],
    });
    const chips = h.doc.querySelectorAll('.pending-chips .chip');
    assert.equal(chips.length, 2);
    assert.match(chips[1]!.textContent ?? '', /truncated/);
    click(h.button('Remove b.ts:1-9'));
    assert.deepEqual(h.posted.at(-1), { type: 'removeAttachment', index: 1 });
    h.send({ type: 'model', model: 'Qwen/QwQ-32B' });
    assert.equal(h.doc.querySelector('.model-name')?.textContent, 'QwQ-32B');

    const input = h.doc.querySelector<HTMLTextAreaElement>('textarea')!;
    typeInto(input, 'draft text');
    assert.equal(h.state?.draft, 'draft text');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(h.posted.at(-1), { type: 'draft', text: 'draft text' });
  });

  it('prefill puts text in the box and focuses it; init restores the draft', () => {
    const h = createHarness({ init: initMessage({ draft: 'kept draft' }) });
    const input = h.doc.querySelector<HTMLTextAreaElement>('textarea')!;
    assert.equal(input.value, 'kept draft');
    h.send({ type: 'prefill', text: 'Explain this' });
    assert.equal(input.value, 'Explain this');
    assert.equal(h.doc.activeElement, input);
  });

  it('keeps a prefill that arrives before init', () => {
    const h = createHarness({ init: false });
    h.send({ type: 'prefill', text: 'Explain this selection' });
    h.send(initMessage());
    const input = h.doc.querySelector<HTMLTextAreaElement>('textarea')!;
    assert.equal(input.value, 'Explain this selection');
    assert.equal(h.doc.activeElement, input);
  });

  it('lists history with open and delete, and New Chat posts newChat', () => {
    const h = createHarness();
    click(h.button('New Chat'));
    assert.deepEqual(h.posted.at(-1), { type: 'newChat' });
    const historyButton = h.button('History');
    click(historyButton);
    assert.deepEqual(h.posted.at(-1), { type: 'listHistory' });
    assert.equal(historyButton.getAttribute('aria-expanded'), 'true');
    h.send({
      type: 'history',
      sessions: [
        { id: 's1', title: 'Refactor parser', updatedAt: Date.UTC(2025, 0, 2), workspace: 'proj', messageCount: 4 },
        { id: 's2', title: 'SQL question', updatedAt: Date.UTC(2025, 0, 1), messageCount: 2 },
      ],
    });
    const items = h.doc.querySelectorAll('.history-item');
    assert.equal(items.length, 2);
    assert.match(items[0]!.textContent ?? '', /Refactor parser.*proj.*4 messages/);
    click(h.button('Delete "SQL question"'));
    assert.deepEqual(h.posted.at(-1), { type: 'deleteSession', sessionId: 's2' });
    assert.equal(h.doc.querySelectorAll('.history-item').length, 1);
    click(items[0]!.querySelector('.history-open')!);
    assert.deepEqual(h.posted.at(-1), { type: 'openSession', sessionId: 's1' });
    assert.equal(h.doc.querySelector<HTMLElement>('.history-panel')!.hidden, true);
    assert.equal(historyButton.getAttribute('aria-expanded'), 'false');
    h.send({ type: 'session', session: session([message({ id: 'u9', role: 'user', text: 'old prompt' })], 's1') });
    h.frame();
    assert.equal(h.byRole('article', 'You').length, 1);
  });

  it('history by keyboard: focus lands on the first conversation when the list arrives; deleting the open one keeps the list', () => {
    const h = createHarness({ init: initMessage({ session: session([message({ id: 'u1', role: 'user', text: 'Refactor parser' })], 's1') }) });
    const historyButton = h.button('History');
    historyButton.focus();
    click(historyButton);
    assert.equal(h.doc.activeElement?.getAttribute('aria-label'), 'Search conversations', 'nothing listed yet: the search box');
    h.send({
      type: 'history',
      sessions: [
        { id: 's1', title: 'Refactor parser', updatedAt: Date.UTC(2025, 0, 2), messageCount: 1 },
        { id: 's2', title: 'SQL question', updatedAt: Date.UTC(2025, 0, 1), messageCount: 2 },
      ],
    });
    const first = h.doc.activeElement as HTMLElement;
    assert.ok(first.classList.contains('history-open'), 'the first conversation has the focus');
    assert.match(first.textContent ?? '', /Refactor parser.*2025/);
    // Delete the open conversation: the host answers with a fresh session, then the new list.
    const remove = h.button('Delete "Refactor parser"');
    remove.focus();
    click(remove);
    assert.deepEqual(h.posted.at(-1), { type: 'deleteSession', sessionId: 's1' });
    h.send({ type: 'session', session: session([], 's3') });
    h.send({ type: 'history', sessions: [{ id: 's2', title: 'SQL question', updatedAt: Date.UTC(2025, 0, 1), messageCount: 2 }] });
    const panel = h.doc.querySelector<HTMLElement>('.history-panel')!;
    assert.equal(panel.hidden, false, 'the list stays open');
    assert.ok(panel.contains(h.doc.activeElement), 'and keeps the focus');
    assert.match(h.doc.activeElement?.textContent ?? '', /SQL question/);
    keydown(h.doc.activeElement!, 'Escape');
    assert.equal(panel.hidden, true);
    assert.equal(h.doc.activeElement, historyButton, 'Esc gives the focus back to History');
  });

  it('follows the answer only while the reader is at the bottom, else offers Jump to latest', () => {
    const h = createHarness();
    const scroller = h.doc.querySelector<HTMLElement>('.messages')!;
    let scrollHeight = 1000;
    Object.defineProperty(scroller, 'scrollHeight', { get: () => scrollHeight });
    Object.defineProperty(scroller, 'clientHeight', { get: () => 300 });
    const jump = h.doc.querySelector<HTMLButtonElement>('button[aria-label="Jump to latest"]')!;
    h.send({ type: 'messageAdded', message: message({ id: 'a1', role: 'assistant', status: 'streaming' }) });
    h.send({ type: 'delta', messageId: 'a1', text: 'line\n\n' });
    h.frame();
    assert.equal(scroller.scrollTop, 700, 'pulled to the bottom while following');
    assert.equal(jump.hidden, true);

    scroller.scrollTop = 200; // the reader scrolls up
    scroller.dispatchEvent(new (h.win as unknown as { Event: typeof Event }).Event('scroll'));
    scrollHeight = 1400;
    h.send({ type: 'delta', messageId: 'a1', text: 'more\n\n' });
    h.frame();
    assert.equal(scroller.scrollTop, 200, 'the view stays where the reader is');
    assert.equal(jump.hidden, false);

    click(jump);
    assert.equal(scroller.scrollTop, 1100);
    assert.equal(jump.hidden, true);
  });

  it('a re-shown view (reload, hidden and shown) opens where the reader was, or at the end if they were following', () => {
    const opened = (state: CachedViewState): number => {
      const h = createHarness({ init: false, state });
      const proto = (h.win as unknown as { HTMLElement: typeof HTMLElement }).HTMLElement.prototype;
      Object.defineProperty(proto, 'scrollHeight', { configurable: true, get: () => 1000 });
      Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => 300 });
      h.send(initMessage({ session: session([message({ id: 'a1', role: 'assistant', text: 'A long answer' })], 's1') }));
      h.frame();
      return h.doc.querySelector<HTMLElement>('.messages')!.scrollTop;
    };
    assert.equal(opened({ sessionId: 's1', scrollTop: 100, following: false }), 100, 'scrolled up: the same place');
    assert.equal(opened({ sessionId: 's1', scrollTop: 100, following: true }), 700, 'following: the end, not the old place');
    assert.equal(opened({ sessionId: 'other', scrollTop: 100, following: false }), 700, 'another conversation: the end');
  });

  it('the last message edits without a warning: nothing comes after it', () => {
    const h = createHarness({ init: initMessage({ session: session([message({ id: 'u1', role: 'user', text: 'only' })]) }) });
    h.frame();
    const user = h.byRole('article', 'You')[0]!;
    click(user.querySelector('button[aria-label="Edit"]')!);
    assert.equal(user.querySelector('.edit-warning'), null);
    assert.ok(Array.from(user.querySelectorAll('button')).some((b) => b.textContent === 'Save & Send'));
  });

  it('switches between the versions of a regenerated answer, with Copy at the end of the answer', () => {
    const versions = [{ text: 'first try', status: 'complete' as const, createdAt: 1 }, { text: 'second try', status: 'complete' as const, createdAt: 2 }];
    const h = createHarness({
      init: initMessage({
        session: session([
          message({ id: 'u1', role: 'user', text: 'q' }),
          message({ id: 'a1', role: 'assistant', text: 'third try', alternatives: versions, version: 2 }),
        ]),
      }),
    });
    h.frame();
    const answer = h.byRole('article', 'SiliconFlow')[0]!;
    const nav = answer.querySelector<HTMLElement>('[role="group"]')!;
    assert.equal(nav.hidden, false);
    assert.equal(nav.getAttribute('aria-label'), 'Version 3 of 3');
    assert.equal(nav.querySelector('.version-label')?.textContent, '3 / 3');
    const previous = answer.querySelector<HTMLButtonElement>('button[aria-label="Previous version"]')!;
    const next = answer.querySelector<HTMLButtonElement>('button[aria-label="Next version"]')!;
    assert.equal(next.disabled, true);
    click(previous);
    assert.deepEqual(h.posted.at(-1), { type: 'selectVersion', messageId: 'a1', version: 1 });
    // The host answers with the message showing that version.
    h.send({ type: 'messageUpdated', message: message({ id: 'a1', role: 'assistant', text: 'second try', alternatives: [versions[0], { text: 'third try', status: 'complete', createdAt: 3 }], version: 1 }) });
    h.frame();
    assert.equal(answer.querySelector('.markdown')?.textContent?.trim(), 'second try');
    assert.equal(nav.querySelector('.version-label')?.textContent, '2 / 3');
    assert.equal(next.disabled, false);
    const endCopy = answer.querySelector<HTMLButtonElement>('.answer-actions button[aria-label="Copy"]')!;
    click(endCopy);
    assert.deepEqual(h.posted.at(-1), { type: 'copy', text: 'second try' });
    // While an answer streams, versions do not switch.
    h.send({ type: 'busy', busy: true });
    h.frame();
    assert.equal(previous.disabled, true);
  });

  it('an answer with one version shows no version switch', () => {
    const h = createHarness({ init: initMessage({ session: session([message({ id: 'u1', role: 'user', text: 'q' }), message({ id: 'a1', role: 'assistant', text: 'a' })]) }) });
    h.frame();
    assert.equal(h.doc.querySelector<HTMLElement>('.version-nav')!.hidden, true);
  });

  it('uses the translated strings from init', () => {
    const h = createHarness({ init: initMessage({ strings: { send: '发送', message: '消息', you: '你' } }) });
    assert.ok(h.doc.querySelector('textarea[aria-label="消息"]'));
    assert.ok(h.button('发送'));
    assert.ok(h.button('New Chat'), 'untranslated keys fall back to English');
  });
});
