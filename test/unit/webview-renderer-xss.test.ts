// Model output is untrusted. Each payload goes through the real chat webview (one-shot from history,
// and streamed in small deltas) in a jsdom that DOES run scripts; every payload tries to set a global
// flag. Afterwards the DOM is searched for anything executable and every element is sent the events
// inline handlers listen for. Nothing may run, and nothing dangerous may remain.
import { strict as assert } from 'node:assert';
import { click, createHarness, initMessage, message, session, type Harness } from './webview-harness';

const FLAG = 'window.__pwned=1';

const PAYLOADS: string[] = [
  `<script>${FLAG}</script>`,
  `Hello <script>${FLAG}</script> world`,
  `<img src=x onerror="${FLAG}">`,
  `<svg onload="${FLAG}"><circle r="1"/></svg>`,
  `<svg><script>${FLAG}</script></svg>`,
  `<iframe src="javascript:${FLAG}"></iframe>`,
  `<iframe srcdoc="<script>${FLAG}</script>"></iframe>`,
  `<object data="javascript:${FLAG}"></object><embed src="javascript:${FLAG}">`,
  `[click me](javascript:${FLAG})`,
  `[click me](JaVaScRiPt:${FLAG})`,
  `[click me](  javascript:${FLAG}  )`,
  `[entity](&#106;avascript:${FLAG})`,
  `[hex entity](&#x6A;avascript&#x3A;${FLAG})`,
  `[tab](java\tscript:${FLAG})`,
  `<a href="javascript:${FLAG}">raw link</a>`,
  `[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  `![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIj48L3N2Zz4=)`,
  `![x" onerror="${FLAG}](https://example.com/a.png)`,
  `![alt](x" onerror="${FLAG})`,
  `[title](https://example.com "a\\" onmouseover=\\"${FLAG}")`,
  `[title](https://example.com 'x" onclick="${FLAG}')`,
  `<style>body{background:url("javascript:${FLAG}")}</style>`,
  `<div style="width: expression(${FLAG})">css</div>`,
  `<p onclick="${FLAG}">para</p>`,
  `<details open ontoggle="${FLAG}"><summary>x</summary></details>`,
  `<input autofocus onfocus="${FLAG}">`,
  `<form action="javascript:${FLAG}"><button>go</button></form>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${FLAG}"></style></mglyph></table></mtext></math>`,
  `<noscript><p title="</noscript><img src=x onerror=${FLAG}>"></noscript>`,
  `&lt;img src=x onerror="${FLAG}"&gt;`,
  `\`\`\`html\n<img src=x onerror="${FLAG}">\n\`\`\``,
  `\`\`\`"><img src=x onerror="${FLAG}">\ncode\n\`\`\``,
  `<think><img src=x onerror="${FLAG}"></think>answer`,
  `<think>a</think><script>${FLAG}</script>`,
  `Text first <think><img src=x onerror="${FLAG}"></think>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${FLAG}">`,
  `<base href="javascript:${FLAG}//">[rel](/x)`,
  `<a href="https://ok.example" onclick="${FLAG}">ok</a>`,
  `| a |\n|---|\n| <img src=x onerror="${FLAG}"> |`,
  `- <svg/onload=${FLAG}>`,
  `> <iframe src=javascript:${FLAG}>`,
  `<https://example.com/"onmouseover="${FLAG}>`,
  `www.example.com/"><img src=x onerror=${FLAG}>`,
];

const EVENTS = ['error', 'load', 'click', 'mouseover', 'focus', 'toggle', 'animationstart', 'pointerdown', 'input'];

function pwned(h: Harness): boolean {
  return (h.win as unknown as { __pwned?: number }).__pwned === 1;
}

function assertNothingDangerous(h: Harness, payload: string, scope?: Element): void {
  const conversation = scope ?? h.doc.querySelector('.messages')!;
  const bad = conversation.querySelectorAll('script, iframe, object, embed, style, img, svg, math, form, input, meta, base, link, noscript');
  assert.equal(bad.length, 0, `dangerous element for ${JSON.stringify(payload)}: ${bad[0]?.outerHTML}`);
  for (const element of Array.from(conversation.querySelectorAll('*'))) {
    for (const attribute of Array.from(element.attributes)) {
      assert.ok(!/^on/i.test(attribute.name), `event attribute ${attribute.name} for ${JSON.stringify(payload)}`);
      assert.notEqual(attribute.name, 'style', `style attribute for ${JSON.stringify(payload)}`);
      assert.notEqual(attribute.name, 'srcdoc');
    }
    const href = element.getAttribute('href');
    if (href !== null) assert.match(href, /^https?:\/\//i, `href ${href} for ${JSON.stringify(payload)}`);
  }
  // Events go to the model-controlled content only (our own buttons have real click handlers). Not
  // bubbling: an inline handler fires on its own element, and bubbling through every ancestor is slow in jsdom.
  const content = conversation.querySelectorAll('.markdown, .markdown *, .thinking-body, .thinking-body *, .user-text *, .message-context *');
  for (const element of Array.from(content)) {
    for (const type of EVENTS) element.dispatchEvent(new (h.win as unknown as { Event: typeof Event }).Event(type));
  }
  for (const anchor of Array.from(conversation.querySelectorAll('.markdown a'))) click(anchor);
  assert.equal(pwned(h), false, `script ran for ${JSON.stringify(payload)}`);
  for (const m of h.posted) {
    if (m.type === 'openLink') assert.match(m.href, /^https?:\/\//i);
  }
}

describe('answers are sanitized', function () {
  this.timeout(30_000);

  it('the detector works: an unsanitized handler in this jsdom does flip the flag', () => {
    const h = createHarness({ runScripts: 'dangerously' });
    const probe = h.doc.createElement('div');
    probe.innerHTML = `<p onclick="${FLAG}">x</p>`;
    h.doc.body.append(probe);
    probe.querySelector('p')!.dispatchEvent(new (h.win as unknown as { Event: typeof Event }).Event('click'));
    assert.equal(pwned(h), true);
  });

  it('rendered from history: no script runs, nothing dangerous remains', () => {
    const messages = PAYLOADS.flatMap((payload, i) => [
      message({ id: `a${i}`, role: 'assistant', text: payload, reasoning: payload }),
      message({ id: `u${i}`, role: 'user', text: payload }),
    ]);
    const h = createHarness({ runScripts: 'dangerously', init: initMessage({ session: session(messages) }) });
    h.frame();
    assert.equal(h.byRole('article', 'SiliconFlow').length, PAYLOADS.length);
    assertNothingDangerous(h, 'all payloads');
  });

  it('streamed in small deltas: no script runs at any step', () => {
    const h = createHarness({ runScripts: 'dangerously' });
    PAYLOADS.forEach((payload, i) => {
      const id = `s${i}`;
      h.send({ type: 'messageAdded', message: message({ id, role: 'assistant', status: 'streaming' }) });
      for (let at = 0; at < payload.length; at += 7) {
        h.send({ type: 'delta', messageId: id, text: payload.slice(at, at + 7), reasoning: payload.slice(at, at + 7) });
        h.frame();
      }
      h.send({ type: 'messageUpdated', message: message({ id, role: 'assistant', text: payload, status: 'complete' }) });
      h.frame();
      assertNothingDangerous(h, payload, h.byRole('article', 'SiliconFlow').at(-1));
    });
  });

  it('shows raw HTML as text instead of dropping it', () => {
    const h = createHarness({
      init: initMessage({ session: session([message({ id: 'a1', role: 'assistant', text: 'Use <b>bold</b> and <script>x()</script> here' })]) }),
    });
    h.frame();
    const text = h.doc.querySelector('.markdown')!.textContent ?? '';
    assert.match(text, /<b>bold<\/b>/);
    assert.match(text, /<script>x\(\)<\/script>/);
  });

  it('keeps http(s) links, drops other schemes but keeps their text, never loads images', () => {
    const h = createHarness({
      init: initMessage({
        session: session([
          message({ id: 'a1', role: 'assistant', text: '[ok](https://example.com) [mail](mailto:a@b.c) [file](file:///etc/passwd) ![logo](https://example.com/logo.png)' }),
        ]),
      }),
    });
    h.frame();
    const markdown = h.doc.querySelector('.markdown')!;
    const hrefs = Array.from(markdown.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    assert.deepEqual(hrefs, ['https://example.com', 'https://example.com/logo.png']);
    assert.match(markdown.textContent ?? '', /mail.*file.*Image: logo/);
    assert.equal(markdown.querySelector('img'), null);
  });
});
