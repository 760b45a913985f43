import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TimelineModel } from '../../wwwroot-assets/js/timeline/model.js';
import { TimelineLayout, GUTTER, TOP_PAD, MAX_PLOT_H, TASK_ROW_H, WAITING_H, nearestInLane } from '../../wwwroot-assets/js/timeline/layout.js';
import { started, task, completed } from './events.mjs';

const build = (events) => {
    const model = new TimelineModel({ mainPid: 100 });
    for (const e of events) model.ingest(e);
    const layout = new TimelineLayout(model);
    layout.update();
    return { model, layout };
};

test('a waiting strategy is one quiet line; a started one as tall as its lanes plus the axis', () => {
    assert.equal(build([]).layout.height(), WAITING_H);
    const { layout } = build([started(1), task(0, 'started', 0)]);
    assert.equal(layout.plotHeight, 32);
    assert.equal(layout.height(), TOP_PAD + 32 + 20);
});

test('thousands of thread lanes are squeezed into the bounded plot height, in order', () => {
    const events = [started(3000)];
    for (let i = 0; i < 3000; i++) events.push(task(i, 'started', i * 1e-4, `100:${10 + i}`));
    const { model, layout } = build(events);
    assert.ok(layout.plotHeight <= MAX_PLOT_H + 1e-6, `plot ${layout.plotHeight}`);
    const ys = model.laneOrder.map((l) => l.y);
    assert.ok(ys.every((y, i) => i === 0 || y > ys[i - 1]), 'lanes top to bottom in lane order');
});

test('barRect and hitTest agree: the bar under its own centre is itself', () => {
    const { model, layout } = build([
        started(3),
        task(0, 'started', 0, '100:1'), task(0, 'completed', 1, '100:1'),
        task(1, 'started', 1, '100:1'), task(1, 'failed', 1.25, '100:1'),
        task(2, 'started', 0.5, '300:1'), task(2, 'completed', 1.5, '300:1'),
        completed(1.5),
    ]);
    layout.setScale(900, model.domainMax(null));
    for (const t of [0, 1, 2]) {
        const r = layout.barRect(model.byTask.get(t));
        assert.equal(layout.hitTest(r.x + r.width / 2, r.y + r.height / 2)?.task, t);
    }
    const r0 = layout.barRect(model.byTask.get(0));
    const r1 = layout.barRect(model.byTask.get(1));
    assert.equal(r0.y, r1.y, 'back-to-back tasks of one thread share its row');
    assert.equal(r0.x, GUTTER);
    assert.equal(layout.hitTest(GUTTER - 5, r0.y + 2), null, 'the label gutter holds no bar');
    assert.equal(r1.status, 'failed');
});

test('lanes by task: a row per task in start order, scrolled to keep a row in view', () => {
    const events = [started(100)];
    for (let i = 0; i < 100; i++) events.push(task(i, 'started', i * 0.01, `100:${i % 3}`), task(i, 'completed', i * 0.01 + 0.5, `100:${i % 3}`));
    const { model, layout } = build(events);
    assert.equal(layout.setMode('task'), true);
    assert.equal(layout.setMode('task'), false);
    layout.update();
    layout.setScale(900, model.domainMax(null));
    assert.equal(layout.plotHeight, MAX_PLOT_H);
    const [first, last] = layout.taskWindow();
    assert.equal(first, 0);
    assert.equal(last, Math.ceil(MAX_PLOT_H / TASK_ROW_H));
    layout.scrollToRow(99);
    assert.equal(layout.taskWindow()[1], 100);
    assert.equal(layout.taskScroll, layout.maxTaskScroll());
    assert.equal(layout.scrollBy(1_000_000), false, 'at the end the page scrolls on');
    const r = layout.barRect(model.byTask.get(99));
    assert.equal(r.row, 99);
    assert.equal(layout.hitTest(r.x + 2, r.y + 2)?.task, 99);
});

test('nearestInLane picks the bar that starts nearest to a time', () => {
    const { model } = build([started(3), task(0, 'started', 0), task(1, 'started', 1), task(2, 'started', 2)]);
    assert.equal(nearestInLane(model.laneOrder[0], 1.4).task, 1);
});
