import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inFlightColumns, peakInFlight, flightHeight } from '../../wwwroot-assets/js/timeline/flight.js';

const bar = (start, end, status = 1) => ({ start, end, status });

test('back-to-back tasks read exactly one in flight, never a spike at the hand-over', () => {
    const bars = [bar(0, 0.33), bar(0.33, 0.71), bar(0.71, 1)];
    const columns = inFlightColumns(bars, 1, 0.1, 10);
    for (const v of columns) assert.ok(Math.abs(v - 1) < 1e-9, `${[...columns]}`);
    assert.equal(peakInFlight(bars, 1), 1);
});

test('overlapping tasks add up, partial columns count their share', () => {
    const bars = [bar(0, 1), bar(0, 1), bar(0.5, 0.75)];
    const columns = inFlightColumns(bars, 1, 0.5, 2);
    assert.deepEqual([...columns], [2, 2.5]);
    assert.equal(peakInFlight(bars, 1), 3);
});

test('running tasks end at now', () => {
    const bars = [bar(0, NaN, 0), bar(0.5, NaN, 0)];
    assert.deepEqual([...inFlightColumns(bars, 1, 0.5, 4)], [1, 2, 0, 0]);
    assert.equal(peakInFlight(bars, 1), 2);
    assert.equal(peakInFlight(bars, 0.4), 1, 'the second had not started by then');
});

test('the height is a log scale: one task shows, the busiest row is full', () => {
    assert.equal(flightHeight(0, 100, 20), 0);
    assert.equal(flightHeight(100, 100, 20), 20);
    const one = flightHeight(1, 100, 20);
    assert.ok(one > 2 && one < 5, `one task of a 100-task peak is ${one} px`);
});

test('the peak is the most bars open at one instant, whatever order they come in', () => {
    // Nested, staggered and back-to-back bars in no particular order: at 2.5 four are open.
    const bars = [bar(3, 4), bar(0, 10), bar(2, 3), bar(1, 2.6), bar(2.5, 2.7), bar(4, 5)];
    assert.equal(peakInFlight(bars, 10), 4);
    assert.equal(peakInFlight([], 1), 0);
    // A bar that ends exactly as another starts does not overlap it, however many there are.
    const chain = Array.from({ length: 1000 }, (_, i) => bar(i, i + 1));
    assert.equal(peakInFlight(chain.reverse(), 1000), 1);
});
