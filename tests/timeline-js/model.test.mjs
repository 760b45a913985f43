import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TimelineModel, STATUS_OK, STATUS_FAILED, STATUS_CANCELLED, STATUS_RUNNING } from '../../wwwroot-assets/js/timeline/model.js';
import { decodeRows } from '../../wwwroot-assets/js/timeline/wire.js';
import { started, task, completed, manualClock } from './events.mjs';

const fold = (events, options = {}) => {
    const model = new TimelineModel({ mainPid: 100, ...options });
    for (const e of events) model.ingest(e);
    return model;
};

test('overlapping tasks of one lane pack into sub-rows and later tasks reuse the freed ones', () => {
    const events = [started(7)];
    for (let i = 0; i < 5; i++) events.push(task(i, 'started', 0.01 * i));
    for (let i = 0; i < 5; i++) events.push(task(i, 'completed', 0.5 + 0.01 * i, '100:4'));
    events.push(task(5, 'started', 0.6), task(6, 'started', 0.61));
    const model = fold(events);
    assert.equal(model.bars.length, 7);
    assert.equal(model.laneOrder.length, 1);
    assert.equal(model.subrowCount(), 5);
    assert.deepEqual([5, 6].map((t) => model.byTask.get(t).sub), [0, 1]);
    assert.equal(model.done, 5);
});

test('lanes: the main process first, then workers by pid, then by thread', () => {
    const model = fold([
        started(4),
        task(0, 'started', 0, '300:1'), task(1, 'started', 0, '200:1'),
        task(2, 'started', 0.1, '100:7'), task(3, 'started', 0.1, '100:2'),
    ]);
    assert.deepEqual(model.laneOrder.map((l) => l.label), ['main:2', 'main:7', 'worker 200:1', 'worker 300:1']);
});

test('cluster lanes are named by node, and without a main pid lanes keep their key', () => {
    const model = fold([started(2), task(0, 'started', 0, '555:3', { node: 'node-2' }), task(1, 'started', 0, '9:1')], { mainPid: null });
    assert.deepEqual(model.laneOrder.map((l) => l.label).sort(), ['9:1', 'node-2:3']);
});

test('a task cancelled before it started gets no bar; failed and ok close their bars', () => {
    const model = fold([
        started(3),
        task(0, 'started', 0), task(0, 'failed', 0.2, '100:1', { detail: 'HTTP 503' }),
        task(1, 'queued', 0), task(1, 'cancelled', 0.2),
        task(2, 'STARTED', 0.1), task(2, 'Completed', 0.3),
    ]);
    assert.equal(model.bars.length, 2);
    assert.equal(model.byTask.get(0).status, STATUS_FAILED);
    assert.equal(model.byTask.get(0).detail, 'HTTP 503');
    assert.equal(model.byTask.get(2).status, STATUS_OK);
    assert.equal(model.done, 2);
});

test('strategy-completed closes open bars as cancelled at the wall time', () => {
    const model = fold([started(2), task(0, 'started', 0.1), task(1, 'started', 0.2), task(1, 'completed', 0.3), completed(0.8)]);
    assert.equal(model.byTask.get(0).status, STATUS_CANCELLED);
    assert.equal(model.byTask.get(0).end, 0.8);
    assert.equal(model.state(), 'done');
    assert.equal(model.wallSeconds, 0.8);
});

test('stop() before the strategy started marks it skipped; after, closes open bars at the extent', () => {
    const waiting = fold([]);
    waiting.stop('cancelled');
    assert.equal(waiting.state(), 'skipped');
    assert.equal(waiting.skipped, 'cancelled');

    const clock = manualClock();
    const model = fold([started(1), task(0, 'started', 0.5)], { now: clock.now });
    clock.ms += 2_000;
    assert.equal(model.byTask.get(0).status, STATUS_RUNNING);
    assert.equal(model.extent(), 2.5, 'running bars grow with the clock between batches');
    model.stop('cancelled');
    assert.equal(model.byTask.get(0).status, STATUS_CANCELLED);
    assert.equal(model.byTask.get(0).end, 2.5);
    assert.equal(model.extent(), 2.5, 'the clock stops with the run');
});

test('thread changes: seen in events, then replaced by the engine record at completion', () => {
    const model = fold([
        started(3),
        task(1, 'started', 0, '100:1'), task(0, 'started', 0.1, '100:1'), task(2, 'started', 0.2, '100:2'),
        task(1, 'completed', 0.6, '100:1'), task(0, 'completed', 0.7, '100:4'), task(2, 'completed', 0.8, '100:2'),
    ]);
    assert.equal(model.hopped, 1);
    assert.deepEqual(model.byTask.get(0).threads, [1, 4]);
    model.ingest(completed(0.8, { threads: [[2, 2, 5, 2]] }));
    assert.equal(model.hopped, 2);
    assert.deepEqual(model.byTask.get(2).threads, [2, 5, 2]);
    assert.equal(model.byTask.get(1).threads, undefined);
});

test('a new repetition starts over; events of another repetition are ignored', () => {
    const model = fold([started(1, 0), task(0, 'started', 0), task(0, 'completed', 1), completed(1)]);
    model.ingest(started(1, 1));
    assert.equal(model.bars.length, 0);
    assert.equal(model.state(), 'running');
    model.ingest(task(0, 'started', 0)); // repetition 0's event, late
    assert.equal(model.bars.length, 0);
});

test('counter samples are kept per repetition', () => {
    const sample = (t, repetition = 0) => ({ type: 'counters', strategy: 's', repetition, time: t, process: 100, counters: [50, 40, 10, 12, 0] });
    const model = fold([started(1), sample(0.05), sample(0.1), sample(0.1, 1)]);
    assert.equal(model.samples.length, 2);
    model.ingest(started(1, 1));
    model.ingest(sample(0.05, 1));
    assert.deepEqual(model.samples.map((s) => s.t), [0.05]);
});

test('decodeRows reads task, strategy and counter rows', () => {
    const events = decodeRows([
        [0, 'async', 0, -1, -1, 0, 10, null, null, 40],
        [1, 'async', 0, 3, 1, 0.25, 11, '100:7', null, 'node-1'],
        [3, 'async', 0, -1, -1, 0.3, 12, null, null, 4242, [80, 60, 20, 30, 5]],
        [2, 'async', 0, -1, -1, 0.9, 13, null, null, 40, 0.9, 'ok', [[3, 7, 9]]],
    ]);
    assert.deepEqual(events.map((e) => e.type), ['strategy-started', 'task', 'counters', 'strategy-completed']);
    assert.equal(events[0].taskCount, 40);
    assert.equal(events[1].kind, 'started');
    assert.equal(events[1].node, 'node-1');
    assert.equal(events[2].process, 4242);
    assert.deepEqual(events[2].counters, [80, 60, 20, 30, 5]);
    assert.equal(events[2].wallSeconds, null);
    assert.equal(events[3].wallSeconds, 0.9);
    assert.deepEqual(events[3].threads, [[3, 7, 9]]);
});

test('where the time went: the completed row sets each task\'s split; the tooltip and the table say it', async () => {
    const { describe, splitText } = await import('../../wwwroot-assets/js/timeline/text.js');
    const [row] = decodeRows([[2, 'threads', 0, -1, -1, 1, 13, null, null, 2, 1, 'ok', [], [[0, 0.2, 0.05, null], [1, 0, 0, 0.001]]]]);
    assert.deepEqual(row.splits, [[0, 0.2, 0.05, null], [1, 0, 0, 0.001]]);
    const model = fold([started(2), task(0, 'started', 0), task(1, 'started', 0), task(0, 'completed', 0.5), task(1, 'completed', 1)]);
    model.ingest(row);
    const [a, b] = [model.byTask.get(0), model.byTask.get(1)];
    assert.equal(splitText(a), 'CPU 200.0 ms · ready 50.0 ms · waiting 250.0 ms');
    assert.equal(splitText(b), 'CPU 0.0 ms · ready 0.0 ms · waiting 1.000 s · transfer 1.0 ms');
    assert.match(describe(a, 1), /\nCPU 200\.0 ms · ready 50\.0 ms · waiting 250\.0 ms$/);
    // Before its strategy ends, or where nothing was measured, nothing is claimed.
    const bare = fold([started(1), task(0, 'started', 0), task(0, 'completed', 0.5)]).byTask.get(0);
    assert.equal(splitText(bare), '');
    assert.doesNotMatch(describe(bare, 1), /cpu/);
});
