// The streaming renderer changes the growing block's existing DOM to match a fresh rendering
// (src/webview/domMorph.ts). Whatever the two trees look like, the result must be the fresh one.
import { strict as assert } from 'node:assert';
import { morphChildren, morphRun } from '../../src/webview/domMorph';
import { makeWindow } from './webview-renderer-helpers';

describe('DOM morphing for the growing block', () => {
  const win = makeWindow();
  const doc = win.document;

  function holder(html: string): HTMLElement {
    const element = doc.createElement('div');
    element.innerHTML = html;
    return element;
  }

  const CASES: [string, string][] = [
    ['<p>Hello</p>', '<p>Hello, world</p>'],
    ['<ul><li>a</li><li>b</li></ul>', '<ul><li>a</li><li>b c</li><li>d</li></ul>'],
    ['<ul><li>a</li><li>b</li><li>c</li></ul>', '<ul><li>a</li></ul>'],
    ['<p>text</p>', '<table><tr><td>text</td></tr></table>'],
    ['<p class="raw-html" title="x">a</p>', '<p align="left">a</p>'],
    ['<p><em>a</em> b</p>', '<p><strong>a</strong> b <code>c</code></p>'],
    ['text <b>bold</b>', '<i>it</i> text'],
    ['<ol start="3"><li>x</li></ol>', '<ol><li>x</li><li><p>y</p></li></ol>'],
    ['', '<h1>t</h1>\n<p>p</p>\n'],
    ['<h1>t</h1>\n<p>p</p>\n', ''],
  ];

  it('morphChildren leaves exactly the new tree, whatever the old one was', () => {
    for (const [before, after] of CASES) {
      const target = holder(before);
      morphChildren(target, holder(after));
      assert.equal(target.innerHTML, holder(after).innerHTML, `${before} → ${after}`);
    }
  });

  it('keeps nodes that only changed inside', () => {
    const target = holder('<ul><li>a</li><li>b</li></ul>');
    const list = target.firstChild;
    const firstItem = target.querySelector('li');
    const text = target.querySelectorAll('li')[1]!.firstChild;
    morphChildren(target, holder('<ul><li>a</li><li>bc</li><li>d</li></ul>'));
    assert.equal(target.firstChild, list);
    assert.equal(target.querySelector('li'), firstItem);
    assert.equal(target.querySelectorAll('li')[1]!.firstChild, text, 'the text node is updated, not replaced');
  });

  it('morphRun changes a run of siblings in place and leaves its neighbours alone', () => {
    for (const [before, after] of CASES) {
      const parent = holder(`<hr>${before}<br>`);
      const run = Array.from(parent.childNodes).slice(1, -1);
      const source = doc.createDocumentFragment();
      source.append(...Array.from(holder(after).childNodes));
      const result = morphRun(run, source, parent, parent.lastChild);
      assert.equal(parent.innerHTML, `<hr>${holder(after).innerHTML}<br>`, `${before} → ${after}`);
      assert.deepEqual(result, Array.from(parent.childNodes).slice(1, -1));
    }
  });
});
