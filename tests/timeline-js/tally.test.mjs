import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TallyModel } from '../../wwwroot-assets/js/timeline/tally.js';
import { decodeRows } from '../../wwwroot-assets/js/timeline/wire.js';

const tally = (bucket, started, ok = 0, failed = 0, cancelled = 0, repetition = 0) =>
    ({ type: 'tally', repetition, task: bucket, time: bucket * 0.05, tally: [0.05, started, ok, failed, cancelled] });

test('tallies are deltas: the same bucket told twice adds up, and totals follow', () => {
    const model = new TallyModel();
    model.add(tally(0, 10));
    model.add(tally(0, 5, 3));
    model.add(tally(2, 0, 9, 2, 1));
    assert.deepEqual(model.buckets[0], [15, 3, 0, 0]);
    assert.equal(model.started, 15);
    assert.equal(model.ok, 12);
    assert.equal(model.failed, 2);
    assert.equal(model.cancelled, 1);
    assert.equal(model.ended, 15);
    assert.equal(model.firstStart, 0);
    assert.ok(Math.abs(model.extent() - 0.15) < 1e-12);
});

test('in flight is started minus ended so far, at each bucket end; the peak is its most', () => {
    const model = new TallyModel();
    model.add(tally(0, 100));
    model.add(tally(1, 50, 30));
    model.add(tally(3, 0, 120));
    const { inFlight, peak } = model.flight();
    assert.deepEqual([...inFlight], [100, 120, 120, 0]);
    assert.equal(peak, 120);
    // A column reads the bucket its middle falls in; columns past the last bucket read 0.
    assert.deepEqual([...model.inFlightColumns(0.05, 5)], [100, 120, 120, 0, 0]);
});

test('events of another repetition are ignored, and reset starts over', () => {
    const model = new TallyModel();
    model.add(tally(0, 7, 0, 0, 0, 1));
    assert.equal(model.started, 0);
    model.reset(1);
    model.add(tally(0, 7, 0, 0, 0, 1));
    assert.equal(model.started, 7);
});

test('startedBetween counts whole buckets of a time range (for picking a window)', () => {
    const model = new TallyModel();
    for (let b = 0; b < 10; b++) model.add(tally(b, 1000));
    assert.equal(model.startedBetween(0, 0.1), 2000);
    assert.equal(model.startedBetween(0.2, 0.25), 1000);
});

test('a packed tally row decodes with its counts', () => {
    const [e] = decodeRows([[4, 'async', 0, 12, -1, 0.6, 1795695630323.9, null, null, 0.05, 800, 790, 3, 1]]);
    assert.equal(e.type, 'tally');
    assert.equal(e.task, 12);
    assert.deepEqual(e.tally, [0.05, 800, 790, 3, 1]);
    assert.equal(e.wallSeconds, null);
    assert.equal(e.outcome, null);
});
