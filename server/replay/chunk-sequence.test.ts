import { describe, expect, test } from 'vitest';
import { placeSeq, REORDER_WINDOW, type SeqState } from './chunk-sequence.js';

const run = (seqs: number[]) => {
  let state: SeqState = { nextSeq: 0, seqMask: 0 };
  return seqs.map((seq) => {
    const next = placeSeq(state, seq);
    if (typeof next === 'string') return next;
    state = next;
    return 'stored';
  });
};

describe('chunk sequence', () => {
  test('in order, every chunk is stored once', () => {
    expect(run([0, 1, 2, 3])).toEqual(['stored', 'stored', 'stored', 'stored']);
  });
  test('a repeat is refused, in order or late', () => {
    expect(run([0, 1, 1, 0, 2, 0])).toEqual([
      'stored',
      'stored',
      'repeat',
      'repeat',
      'stored',
      'repeat',
    ]);
  });
  test('a chunk overtaken inside the reorder window lands once', () => {
    expect(run([0, 2, 1, 1, 3])).toEqual(['stored', 'stored', 'stored', 'repeat', 'stored']);
  });
  test('a jump past the window is a gap; a late chunk past it is refused', () => {
    const last = REORDER_WINDOW - 1;
    expect(run([last, REORDER_WINDOW * 2 + last])).toEqual(['stored', 'gap']);
    expect(run([0, ...Array.from({ length: REORDER_WINDOW }, (_, i) => i + 2), 1])).toEqual([
      'stored',
      ...Array(REORDER_WINDOW).fill('stored'),
      'repeat',
    ]);
  });
  test('the first chunk may not start far ahead', () => {
    expect(run([REORDER_WINDOW])).toEqual(['gap']);
    expect(run([10_000])).toEqual(['gap']);
  });
});
