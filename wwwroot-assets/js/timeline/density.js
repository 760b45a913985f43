// A large run's timeline, aggregated: tasks started per bucket (upward, running colour) and ended per
// bucket (downward: ok, failed hatched by colour, cancelled), on the same time axis and gutter as
// the detailed timeline, with the tasks in flight as a line over them. Drawn from a TallyModel.

import { prepareCanvas } from './renderer.js';
import { GUTTER, RIGHT_PAD, AXIS_H } from './layout.js';
import { axisTicks, formatTick } from './scale.js';

const FONT_FAMILY = 'Roboto, Helvetica, Arial, sans-serif';
export const DENSITY_H = 132;
const HALF = 52;               // px for the busiest bucket, above and below the middle line
const MID = 6 + HALF;

/** Where bucket b lies in CSS pixels, given px per second: [x, width] (at least one pixel wide). */
export function bucketX(b, width, xs) {
    const x = GUTTER + b * width * xs;
    return [x, Math.max(1, width * xs)];
}

/** Draws tally on canvas (ctx its 2D context) over [0, domain] seconds; returns the buckets drawn. */
export function drawDensity(canvas, ctx, tally, colours, cssWidth, domain, nowT) {
    ctx = prepareCanvas(canvas, ctx, cssWidth, DENSITY_H);
    const plotW = Math.max(10, cssWidth - GUTTER - RIGHT_PAD);
    const xs = plotW / domain;
    ctx.font = `${colours.fontSize} ${FONT_FAMILY}`;
    ctx.textBaseline = 'middle';
    ctx.fillStyle = colours.band;
    ctx.fillRect(GUTTER, 6, plotW, HALF * 2);

    const plotBottom = 6 + HALF * 2;
    const { step, values } = axisTicks(domain, plotW);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of values) {
        const x = Math.round(GUTTER + v * xs) + 0.5;
        ctx.fillStyle = colours.grid;
        ctx.fillRect(x - 0.5, 6, 1, plotBottom - 6 + 3);
        ctx.fillStyle = colours.text;
        ctx.fillText(formatTick(v, step), Math.min(x, cssWidth - 24), plotBottom + 5);
    }

    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = colours.text;
    ctx.fillText('started', 6, 6 + HALF / 2);
    ctx.fillText('ended', 6, MID + HALF / 2);
    const unit = `per ${Math.round(tally.width * 1000)} ms`;
    ctx.fillText(unit, 6, MID);

    const { inFlight, peak, busiest } = tally.flight();
    const scale = busiest > 0 ? HALF / busiest : 0;
    let drawn = 0;
    for (let b = 0; b < tally.buckets.length; b++) {
        const bucket = tally.buckets[b];
        if (!bucket) continue;
        const [x, w] = bucketX(b, tally.width, xs);
        if (x > GUTTER + plotW) break;
        const [started, ok, failed, cancelled] = bucket;
        if (started > 0) {
            const h = Math.max(1, started * scale);
            ctx.fillStyle = colours.status[0];
            ctx.fillRect(x, MID - h, w, h);
        }
        let y = MID;
        for (const [n, status] of [[ok, 1], [failed, 2], [cancelled, 3]]) {
            if (!(n > 0)) continue;
            const h = Math.max(1, n * scale);
            ctx.fillStyle = colours.status[status];
            ctx.fillRect(x, y, w, h);
            y += h;
        }
        drawn++;
    }
    ctx.fillStyle = colours.grid;
    ctx.fillRect(GUTTER, MID, plotW, 1);

    // Tasks in flight, on their own linear scale (the peak reaches the top of the plot).
    if (peak > 0) {
        ctx.strokeStyle = colours.textStrong;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        for (let b = 0; b < inFlight.length; b++) {
            const [x, w] = bucketX(b, tally.width, xs);
            const y = plotBottom - (inFlight[b] / peak) * (plotBottom - 8);
            if (b === 0) ctx.moveTo(x, y);
            else ctx.lineTo(x, y);
            ctx.lineTo(x + w, y);
        }
        ctx.stroke();
    }
    if (nowT > 0) {
        ctx.fillStyle = colours.status[0];
        ctx.fillRect(Math.round(GUTTER + nowT * xs), 4, 2, plotBottom - 2);
    }
    return drawn;
}

/** The canvas' text alternative and test hooks for an aggregated draw. */
export function densityLabel(name, tally, running) {
    const { peak } = tally.flight();
    const ms = Math.round(tally.width * 1000);
    const state = running ? 'so far' : 'in all';
    return `Task timeline of ${name}, aggregated per ${ms} ms: ${tally.started.toLocaleString('en-US')} tasks started, `
        + `${tally.ok.toLocaleString('en-US')} ok, ${tally.failed.toLocaleString('en-US')} failed, ${tally.cancelled.toLocaleString('en-US')} cancelled ${state}; `
        + `at most ${peak.toLocaleString('en-US')} in flight at a bucket's end. Pick a window to see tasks.`;
}

export const DENSITY_AXIS_H = AXIS_H;
