import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { schedule } from '../../wwwroot-assets/js/timeline/frame.js';

// frame.js reads the browser's clock, frame and timer functions when it schedules and draws: during
// each test they are a clock and queues we drive (the test runner keeps the real ones otherwise).
let clock = 1000;
const frames = [];
const timers = [];
// Timers of no wait: the measure queued after each frame, run when the frame has been painted.
const paints = [];
const real = {
    performance: Object.getOwnPropertyDescriptor(globalThis, 'performance'),
    requestAnimationFrame: globalThis.requestAnimationFrame,
    setTimeout: globalThis.setTimeout,
};

beforeEach(() => {
    clock += 10_000;
    frames.length = 0;
    timers.length = 0;
    paints.length = 0;
    Object.defineProperty(globalThis, 'performance', { value: { now: () => clock }, configurable: true, writable: true });
    globalThis.requestAnimationFrame = (callback) => frames.push(callback);
    globalThis.setTimeout = (callback, wait) => (wait === 0 ? paints : timers).push({ callback, wait });
});

afterEach(() => {
    Object.defineProperty(globalThis, 'performance', real.performance);
    globalThis.requestAnimationFrame = real.requestAnimationFrame;
    globalThis.setTimeout = real.setTimeout;
});

const view = (drawMs) => ({ draws: 0, render() { this.draws++; clock += drawMs; } });
// Each frame: its callbacks, then paintMs of painting, then the tasks queued for after it.
const runFrames = (paintMs = 0) => {
    for (const callback of frames.splice(0)) callback();
    clock += paintMs;
    for (const { callback } of paints.splice(0)) callback();
};

test('batches before a frame cost one draw', () => {
    const v = view(1);
    schedule(v);
    schedule(v);
    schedule(v);
    assert.equal(frames.length, 1);
    runFrames();
    assert.equal(v.draws, 1);
});

test('a quick draw leaves the next frame free to draw at once', () => {
    const v = view(1);
    schedule(v);
    runFrames();
    clock += 16;
    schedule(v);
    assert.equal(timers.length, 0, 'no wait after a 1 ms draw');
    assert.equal(frames.length, 1);
    runFrames();
    assert.equal(v.draws, 2);
});

test('a slow draw keeps the main thread free for three times as long before the next', () => {
    const v = view(100);
    schedule(v);
    runFrames();
    assert.equal(v.draws, 1);
    schedule(v);
    schedule(v);
    assert.equal(frames.length, 0, 'no frame asked for yet');
    assert.equal(timers.length, 1);
    assert.equal(timers[0].wait, 300);
    clock += 300;
    timers.shift().callback();
    runFrames();
    assert.equal(v.draws, 2, 'the batches that came meanwhile cost one draw');
});

test('the painting counts: a quick draw that is slow to paint waits three times both', () => {
    const v = view(2);
    schedule(v);
    runFrames(98);
    schedule(v);
    assert.equal(frames.length, 0, 'no frame asked for yet');
    assert.equal(timers.length, 1);
    assert.equal(timers[0].wait, 300, 'three times the 100 ms from the draw to the end of its paint');
    clock += 300;
    timers.shift().callback();
    runFrames();
    assert.equal(v.draws, 2);
});

test('a frame whose targets all skipped a repeat of their last draw adds no wait', () => {
    const v = { draws: 0, render() { clock += 1; return false; } };
    schedule(v);
    runFrames(50);
    assert.equal(paints.length, 0);
    schedule(v);
    assert.equal(timers.length, 0, 'nothing was painted, so nothing to wait for');
    assert.equal(frames.length, 1);
});
