import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TimelineModel } from '../../wwwroot-assets/js/timeline/model.js';
import { startupSegment, startupText } from '../../wwwroot-assets/js/timeline/phases.js';
import { started, task, completed, manualClock } from './events.mjs';

const fold = (events, clock) => {
    const model = new TimelineModel({ mainPid: 100, now: clock?.now });
    for (const e of events) model.ingest(e);
    return model;
};

test('the start-up segment ends at the earliest task start, whatever order the starts arrive in', () => {
    const model = fold([started(3), task(1, 'started', 0.42, '300:1'), task(0, 'started', 0.35, '200:1'), task(2, 'started', 0.5, '300:1'),
        completed(0.9)]);
    const segment = startupSegment(model, 'worker start');
    assert.deepEqual(segment, { label: 'worker start', end: 0.35, open: false });
    assert.equal(startupText(segment), 'worker start 0.350 s');
});

test('while no task has started the segment is open and grows with the clock', () => {
    const clock = manualClock();
    const model = fold([started(2)], clock);
    clock.ms += 1_500;
    const segment = startupSegment(model, 'node start');
    assert.equal(segment.open, true);
    assert.ok(segment.end >= 1.5, `open segment reaches now (${segment.end})`);
    assert.equal(startupText(segment), 'node start…');

    model.ingest(task(0, 'started', 1.6, 'n1:4'));
    assert.deepEqual(startupSegment(model, 'node start'), { label: 'node start', end: 1.6, open: false });
});

test('no label (an in-process strategy) draws no segment, nor does a strategy that has not started', () => {
    assert.equal(startupSegment(fold([started(1), task(0, 'started', 0.2)]), null), null);
    assert.equal(startupSegment(fold([]), 'worker start'), null);
});

test('a new repetition starts its own start-up: the last one\'s first task does not carry over', () => {
    const model = fold([started(1), task(0, 'started', 2.0), task(0, 'completed', 2.1), completed(2.1)]);
    model.ingest(started(1, 1));
    model.ingest({ ...task(0, 'started', 0.01), repetition: 1 });
    assert.equal(startupSegment(model, 'node start').end, 0.01);
});

test('a repetition that ended without a task has no segment to draw', () => {
    const model = fold([started(2), completed(0.3, { outcome: 'cancelled' })]);
    assert.equal(startupSegment(model, 'worker start'), null);
});
