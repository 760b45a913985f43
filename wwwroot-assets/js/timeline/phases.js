// The phases before a strategy's tasks: the start-up segment (worker, interpreter or node start)
// from the repetition's start to its first task, drawn on the race rows and the timelines from the
// model's measured times (model.startup()). The label comes from the page (the canvas'
// data-startup, from the strategy descriptor): a strategy without one starts nothing and gets no
// segment, however late its first task.

import { secondsText } from './scale.js';
import { setAttr } from './renderer.js';

/** The segment to draw for a model and its label: { label, end, open } or null. */
export function startupSegment(model, label) {
    if (!label || !model) return null;
    const span = model.startup();
    return span ? { label, end: span.end, open: span.open } : null;
}

/** The segment's words: "node start 9.5 s", "worker start…" while it lasts. */
export function startupText(segment) {
    return segment.open ? `${segment.label}…` : `${segment.label} ${secondsText(segment.end)}`;
}

/**
 * Draws the segment as a striped band over [x, x + w) x [y, y + h) with its words inside when they
 * fit; returns true when the words were drawn.
 */
export function drawStartup(ctx, colours, segment, x, y, w, h) {
    if (w <= 0) return false;
    ctx.save();
    ctx.fillStyle = colours.startup;
    ctx.fillRect(x, y, w, h);
    // Diagonal stripes: a phase, not a task, told by pattern as well as colour.
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();
    ctx.strokeStyle = colours.startupEdge;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let sx = x - h; sx < x + w; sx += 6) {
        ctx.moveTo(sx, y + h);
        ctx.lineTo(sx + h, y);
    }
    ctx.stroke();
    ctx.restore();
    ctx.fillStyle = colours.startupEdge;
    ctx.fillRect(x + w - 1, y, 1, h);
    const text = startupText(segment);
    const tw = ctx.measureText(text).width;
    if (tw + 8 > w) return false;
    ctx.fillStyle = colours.textStrong;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, x + 4, y + h / 2);
    return true;
}

/** What browser tests read of a canvas' start-up segment: its measured end (seconds) and whether it still lasts. */
export function publishStartup(canvas, segment) {
    setAttr(canvas, 'data-startup-state', !segment ? '' : segment.open ? 'open' : 'measured');
    setAttr(canvas, 'data-startup-seconds', segment && !segment.open ? segment.end.toFixed(6) : '');
}
