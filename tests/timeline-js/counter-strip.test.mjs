import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thin, stripLines, MAX_POINTS } from '../../wwwroot-assets/js/timeline/counter-strip.js';

const sample = (t, process, values) => ({ t, process, values });

test('thin keeps at most MAX_POINTS evenly spread, plus the last', () => {
    const samples = Array.from({ length: 10_000 }, (_, i) => sample(i, 1, [0, 0, 0, 0, 0]));
    const out = thin(samples);
    assert.equal(out.length, MAX_POINTS + 1);
    assert.equal(out.at(-1).t, 9_999);
    assert.equal(thin(samples.slice(0, 5)).length, 5);
});

test('four lines per process, on the canvas scale, each series scaled to its own peak', () => {
    const samples = [
        sample(0, 1, [50, 40, 10, 10, 0]), sample(1, 1, [200, 150, 50, 20, 4]),
        sample(0, 2, [10, 10, 0, 5, 0]),
    ];
    const lines = stripLines(samples, 100, 300);
    assert.equal(lines.length, 8);
    assert.deepEqual(lines.slice(0, 4).map((l) => l.cls), ['cs-user', 'cs-system', 'cs-threads', 'cs-queue']);
    const threads = lines[2].points.split(' ').map((p) => p.split(',').map(Number));
    assert.deepEqual(threads.map(([x]) => x), [0, 100], 'one second is 100 px, as on the canvas');
    assert.equal(threads[1][1], 1, 'the peak of a series reaches the top');
    const user = lines[0].points.split(' ').map((p) => p.split(',').map(Number));
    assert.equal(user[1][1], 40 - 1 - 0.75 * 38, 'CPU is scaled to the busiest sample (200 %)');
});

test('a lone sample is drawn as a short dash ending at its time', () => {
    const lines = stripLines([sample(0.5, 1, [50, 40, 10, 12, 0])], 100, 300);
    const points = lines[0].points.split(' ').map((p) => p.split(',').map(Number));
    assert.equal(points.length, 2);
    assert.deepEqual(points.map(([x]) => x), [46, 50]);
});

test('memory per task is a fifth line, only for a process that has it', () => {
    const samples = [
        sample(0, 1, [50, 40, 10, 10, 0, 2048]), sample(1, 1, [60, 40, 20, 10, 0, 1024]),
        sample(0, 2, [10, 10, 0, 5, 0, null]),
    ];
    const lines = stripLines(samples, 100, 300);
    assert.equal(lines.length, 9);
    assert.equal(lines[4].cls, 'cs-memory');
    const memory = lines[4].points.split(' ').map((p) => p.split(',').map(Number));
    assert.deepEqual(memory.map(([, y]) => y), [1, 40 - 1 - 0.5 * 38], 'scaled to its own peak');
});
