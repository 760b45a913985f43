import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heapPush, heapPop, placeBar, closeBar } from '../../wwwroot-assets/js/timeline/packing.js';

const lane = () => ({ subrows: [], free: [] });
const bar = (start) => ({ start, end: NaN, status: 0 });

test('the heap pops its values smallest first', () => {
    const heap = [];
    for (const v of [5, 1, 4, 2, 3, 0]) heapPush(heap, v);
    const out = [];
    while (heap.length) out.push(heapPop(heap));
    assert.deepEqual(out, [0, 1, 2, 3, 4, 5]);
});

test('overlapping bars open sub-rows; back-to-back bars share one', () => {
    const l = lane();
    const a = bar(0);
    const b = bar(0.1);
    assert.equal(placeBar(l, a), true);
    assert.equal(placeBar(l, b), true);
    assert.deepEqual([a.sub, b.sub], [0, 1]);
    closeBar(a, 0.5, 1);
    const c = bar(0.5);
    assert.equal(placeBar(l, c), false, 'starts as a ends: reuses its row');
    assert.equal(c.sub, 0);
});

test('a freed row is reused only by a bar that starts after it ended, lowest row first', () => {
    const l = lane();
    const bars = [bar(0), bar(0), bar(0)];
    bars.forEach((b) => placeBar(l, b));
    closeBar(bars[2], 1, 1);
    closeBar(bars[1], 2, 1);
    const early = bar(1.5);
    placeBar(l, early);
    // Row 1 (freed at 2) is the lowest free row but ends after 1.5: a new row opens.
    assert.equal(early.sub, 3);
    const late = bar(2);
    placeBar(l, late);
    assert.equal(late.sub, 1);
    assert.equal(l.subrows.length, 4);
});

test('closeBar never ends a bar before it started', () => {
    const l = lane();
    const b = bar(3);
    placeBar(l, b);
    closeBar(b, 2, 3);
    assert.equal(b.end, 3);
    assert.equal(b.status, 3);
});
