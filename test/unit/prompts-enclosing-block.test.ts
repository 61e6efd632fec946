// No selection in a Python file and no outline (no Python extension): the command works on the
// function around the cursor, found by indentation, instead of claiming the cursor is not in one.
import assert from 'node:assert/strict';
import { enclosingBlock } from '../../src/prompts/enclosingBlock';

const SOURCE = [
  'import os', //                        0
  '', //                                  1
  '@dataclass', //                        2
  'class Box:', //                        3
  '    size: int', //                     4
  '', //                                  5
  '    @property', //                     6
  '    def area(self) -> int:', //        7
  '        # squared', //                 8
  '        return self.size * 2', //      9
  '', //                                 10
  '    def grow(', //                    11
  '        self,', //                    12
  '        by: int = 1,', //             13
  '    ) -> None:', //                   14
  '        self.size += by', //          15
  '', //                                 16
  '', //                                 17
  'async def main():', //                18
  '    box = Box(1)', //                 19
  '    def inner():', //                 20
  '        return box', //               21
  '    return inner()', //               22
  '', //                                 23
  'print(main())', //                    24
];

const at = (line: number) => enclosingBlock(SOURCE, line, 'python');

describe('the Python block around the cursor, by indentation', () => {
  it('the method around the cursor, with its decorator, ending at its last line that is not blank', () => {
    assert.deepEqual(at(9), { start: 6, end: 9, kind: 'function' });
    assert.deepEqual(at(8), { start: 6, end: 9, kind: 'function' });
    assert.deepEqual(at(7), { start: 6, end: 9, kind: 'function' });
    assert.deepEqual(at(6), { start: 6, end: 9, kind: 'function' }, 'on the decorator');
  });

  it('a signature over several lines whose closing line is no deeper than the def', () => {
    assert.deepEqual(at(15), { start: 11, end: 15, kind: 'function' });
    assert.deepEqual(at(13), { start: 11, end: 15, kind: 'function' });
  });

  it('in a class but in no method: the class (with its decorator)', () => {
    assert.deepEqual(at(4), { start: 2, end: 15, kind: 'class' });
    assert.deepEqual(at(10), { start: 2, end: 15, kind: 'class' }, 'a blank line between two methods');
  });

  it('the innermost function: a nested def, else the async def around it', () => {
    assert.deepEqual(at(21), { start: 20, end: 21, kind: 'function' });
    assert.deepEqual(at(22), { start: 18, end: 22, kind: 'function' });
    assert.deepEqual(at(19), { start: 18, end: 22, kind: 'function' });
  });

  it('at module level there is none (and the user is asked, truthfully)', () => {
    assert.equal(at(0), undefined);
    assert.equal(at(17), undefined);
    assert.equal(at(24), undefined);
  });

  it('tabs count as indentation; other languages are not guessed', () => {
    assert.deepEqual(enclosingBlock(['def f():', '\tx = 1', '\treturn x', 'y = 2'], 2, 'python'), { start: 0, end: 2, kind: 'function' });
    assert.equal(enclosingBlock(['function f() {', '  return 1;', '}'], 1, 'javascript'), undefined);
  });
});
