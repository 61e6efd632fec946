// Links and images as CommonMark renders them, where no policy of ours asks otherwise (images are
// never loaded and raw HTML is text: those are policies; these are not).
import { strict as assert } from 'node:assert';
import { makeRenderer, makeWindow, renderToElement } from './webview-renderer-helpers';

describe('links and images follow CommonMark', () => {
  const win = makeWindow();
  const renderer = makeRenderer(win);
  const render = (markdown: string): HTMLElement => renderToElement(win, renderer, markdown);

  it('a linked image (a README badge) is one link to the target, labelled with the alt text', () => {
    const holder = render('[![build](https://x.test/b.svg)](https://x.test/ci)');
    const links = holder.querySelectorAll('a');
    assert.equal(links.length, 1, 'no link inside a link');
    assert.equal(links[0]!.getAttribute('href'), 'https://x.test/ci');
    assert.equal(links[0]!.textContent, 'Image: build');
  });

  it("an image's alt text is plain text, without markdown", () => {
    assert.equal(render('![foo *bar* `baz`](https://x.test/u)').textContent?.trim(), 'Image: foo bar baz');
  });

  it('entities in link destinations and titles are decoded', () => {
    const link = render('[a](https://x.test/?a=1&amp;b=2 "Tom &amp; Jerry &#35;1")').querySelector('a')!;
    assert.equal(link.getAttribute('href'), 'https://x.test/?a=1&b=2');
    assert.equal(link.getAttribute('title'), 'Tom & Jerry #1');
  });

  it('a backslash in a URL stays a backslash (percent-encoded), not a slash', () => {
    assert.equal(render('[a](https://x.test/a\\b)').querySelector('a')!.getAttribute('href'), 'https://x.test/a%5Cb');
    assert.equal(render('<https://x.test/a%20b>').querySelector('a')!.getAttribute('href'), 'https://x.test/a%20b');
  });
});
