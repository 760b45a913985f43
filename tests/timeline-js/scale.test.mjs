import { test } from 'node:test';
import assert from 'node:assert/strict';
import { niceStep, formatTick, formatSeconds, secondsText, autoDomain, axisTicks } from '../../wwwroot-assets/js/timeline/scale.js';

test('niceStep rounds up to 1, 2, 2.5, 5 or 10 of the magnitude', () => {
    assert.equal(niceStep(0.7), 1);
    assert.equal(niceStep(1.5), 2);
    assert.equal(niceStep(2.3), 2.5);
    assert.equal(niceStep(3), 5);
    assert.equal(niceStep(7), 10);
    assert.equal(niceStep(0.03), 0.05);
    assert.equal(niceStep(0), 1);
    assert.equal(niceStep(-4), 1);
});

test('formatTick uses milliseconds below 0.1 s steps and as many decimals as the step needs', () => {
    assert.equal(formatTick(0.005, 0.005), '5 ms');
    assert.equal(formatTick(0.05, 0.025), '50 ms');
    assert.equal(formatTick(0.02, 0.01), '20 ms');
    assert.equal(formatTick(2, 1), '2 s');
    assert.equal(formatTick(0.5, 0.5), '0.5 s');
    assert.equal(formatTick(0.75, 0.25), '0.75 s');
});

test('formatSeconds says milliseconds under a second', () => {
    assert.equal(formatSeconds(0.25), '250.0 ms');
    assert.equal(formatSeconds(1.25), '1.250 s');
});

test('autoDomain grows in whole steps while running and ends 2 % after a finished extent', () => {
    assert.equal(autoDomain(0, true), 1);
    assert.equal(autoDomain(10, false), 10.2);
    assert.equal(autoDomain(3.3, true), 4);     // step 1: ceil(3.465) = 4
    assert.equal(autoDomain(3.7, true), 4);     // the scale holds still between steps
    assert.equal(autoDomain(9.6, true), 12);    // step 2: ceil(10.08 / 2) * 2
});

test('axisTicks spaces ticks about 90 px apart and covers the domain', () => {
    const { step, values } = axisTicks(10, 900);
    assert.equal(step, 1);
    assert.equal(values.length, 11);
    assert.equal(values.at(-1), 10);
    assert.equal(axisTicks(10, 180).step, 5);
});

test('secondsText writes three significant figures as SecondsText.cs does', () => {
    assert.equal(secondsText(123.4), '123 s');
    assert.equal(secondsText(12.34), '12.3 s');
    assert.equal(secondsText(2.854), '2.85 s');
    assert.equal(secondsText(0.3078), '0.308 s');
    assert.equal(secondsText(0.09999), '0.100 s');
    assert.equal(secondsText(0.01234), '12.3 ms');
    assert.equal(secondsText(0.000123), '0.12 ms');
    assert.equal(secondsText(0.0625), '62.5 ms', 'an exact half rounds to even: 62.5 stays 62.5 (three figures)');
    assert.equal(secondsText(1.125), '1.12 s', 'half to even, as Math.Round');
});
