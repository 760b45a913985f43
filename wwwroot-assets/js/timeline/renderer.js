// Draws one timeline on its canvas from the model and the layout: lane bands and labels, the time
// axis, bars coloured by state (failed hatched, cancelled with an end mark: shape, not colour
// alone), the hovered bar, and in lanes by task each task's thread changes.

import { startupSegment, drawStartup } from './phases.js';
import { STATUS_RUNNING, STATUS_FAILED, STATUS_CANCELLED } from './model.js';
import { GUTTER, RIGHT_PAD, TOP_PAD, BAR_H, MIN_LANE_H, TASK_ROW_H } from './layout.js';
import { axisTicks, formatTick } from './scale.js';
import { hopCount } from './text.js';

const FONT_FAMILY = 'Roboto, Helvetica, Arial, sans-serif';

/** The theme's colours and font size, read from CSS variables (dashboard.css) at draw time. */
export function readColours(element) {
    const style = getComputedStyle(element);
    const v = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
    return {
        status: [v('--tl-running', '#2196f3'), v('--tl-ok', '#2e7d32'), v('--tl-failed', '#d32f2f'), v('--tl-cancelled', '#9e9e9e')],
        hatch: v('--tl-hatch', '#ffffff'),
        fontSize: v('--tl-font-size', '11px'),
        text: v('--tl-text', '#555'),
        textStrong: v('--tl-text-strong', '#222'),
        grid: v('--tl-grid', 'rgba(0,0,0,0.12)'),
        band: v('--tl-band', 'rgba(0,0,0,0.03)'),
        startup: v('--tl-startup', 'rgba(142,36,170,0.2)'),
        startupEdge: v('--tl-startup-edge', 'rgba(171,71,188,0.85)'),
    };
}

/** Sizes a canvas to width x height CSS pixels at the screen's pixel ratio; returns its context, scaled and cleared. */
export function prepareCanvas(canvas, ctx, width, height) {
    const dpr = window.devicePixelRatio || 1;
    if (canvas.style.height !== `${height}px`) canvas.style.height = `${height}px`;
    const pw = Math.round(width * dpr);
    const ph = Math.round(height * dpr);
    if (canvas.width !== pw) canvas.width = pw;
    if (canvas.height !== ph) canvas.height = ph;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    return ctx;
}

/** Sets an attribute only when it changes (browser tests and screen readers read them on every draw). */
export function setAttr(element, name, value) {
    const text = String(value);
    if (element.getAttribute(name) !== text) element.setAttribute(name, text);
}

export class TimelineRenderer {
    constructor(canvas) {
        this.canvas = canvas;
        this.ctx = canvas.getContext('2d');
        this.hatch = null;
        this.hatchKey = null;
    }

    /**
     * Draws the timeline; returns [bars drawn, rows drawn]. hover: the highlighted bar (keyboard:
     * selected with the keys, drawn bolder).
     */
    draw(model, layout, colours, width, domain, hover, keyboard) {
        const ctx = prepareCanvas(this.canvas, this.ctx, width, layout.height());
        ctx.font = `${colours.fontSize} ${FONT_FAMILY}`;
        ctx.textBaseline = 'middle';
        if (!model.started) {
            ctx.textAlign = 'left';
            ctx.fillStyle = colours.text;
            const skipped = model.skipped;
            ctx.fillText(skipped ? `did not run: the run ${skipped === 'ended' ? 'ended' : `was ${skipped}`} first` : 'waiting to start…', GUTTER, layout.height() / 2);
            return [0, 0];
        }
        const nowT = model.nowTime();
        // The start-up phase first, under the bars: worker, interpreter or node start, up to the first task.
        const startup = startupSegment(model, this.canvas.getAttribute('data-startup'));
        const labelled = startup
            ? drawStartup(ctx, colours, startup, GUTTER, TOP_PAD, Math.min(layout.plotW, startup.end * layout.xs), layout.plotHeight)
            : false;
        const result = layout.mode === 'task'
            ? this.drawTaskRows(ctx, model, layout, colours, width, domain, nowT, hover, keyboard)
            : [this.drawThreadLanes(ctx, model, layout, colours, width, domain, nowT, hover, keyboard), model.laneOrder.length];
        if (model.bars.length === 0 && !labelled) {
            ctx.fillStyle = colours.text;
            ctx.textAlign = 'left';
            ctx.textBaseline = 'middle';
            const waiting = startup ? `${startup.label}…` : 'started, no task yet…';
            ctx.fillText(model.running ? waiting : 'no tasks ran', GUTTER + 8, TOP_PAD + layout.plotHeight / 2);
        }
        return result;
    }

    /** Vertical grid lines and their time labels under the plot (both lane modes). */
    drawAxis(ctx, colours, width, layout, domain) {
        const plotBottom = TOP_PAD + layout.plotHeight;
        const { step, values } = axisTicks(domain, layout.plotW);
        ctx.textAlign = 'center';
        ctx.textBaseline = 'top';
        for (const v of values) {
            const x = Math.round(GUTTER + v * layout.xs) + 0.5;
            ctx.fillStyle = colours.grid;
            ctx.fillRect(x - 0.5, TOP_PAD, 1, plotBottom - TOP_PAD + 3);
            ctx.fillStyle = colours.text;
            ctx.fillText(formatTick(v, step), Math.min(x, width - 24), plotBottom + 5);
        }
    }

    /** Lanes by thread: every bar, packed into its thread's sub-rows. Returns the bars drawn. */
    drawThreadLanes(ctx, model, layout, colours, width, domain, nowT, hover, keyboard) {
        const xs = layout.xs;
        // Lane bands, alternating per process so the eye sees which lanes share a process.
        let groupIndex = -1;
        let lastPid = null;
        for (const lane of model.laneOrder) {
            if (lane.pid !== lastPid) {
                groupIndex++;
                lastPid = lane.pid;
                if (groupIndex > 0) {
                    ctx.fillStyle = colours.grid;
                    ctx.fillRect(0, lane.y, width, 1);
                }
            }
            if (groupIndex % 2 === 1) {
                ctx.fillStyle = colours.band;
                ctx.fillRect(0, lane.y, width, lane.h);
            }
        }

        // Lane labels, thinned out when lanes are squeezed below a readable height.
        ctx.fillStyle = colours.text;
        ctx.textAlign = 'right';
        let lastLabelY = -Infinity;
        for (const lane of model.laneOrder) {
            const cy = lane.y + Math.min(lane.h, MIN_LANE_H) / 2;
            if (cy - lastLabelY < 12) continue;
            ctx.fillText(lane.label, GUTTER - 8, cy, GUTTER - 12);
            lastLabelY = cy;
        }

        this.drawAxis(ctx, colours, width, layout, domain);

        // Bars in start order (fillBars: one path per run of equal state).
        const bars = model.bars;
        const y = (bar) => bar.lane.y + bar.lane.pad + bar.sub * bar.lane.pitch;
        this.fillBars(ctx, colours, bars, 0, bars.length, (bar) => {
            const end = bar.status === STATUS_RUNNING ? Math.max(nowT, bar.start) : bar.end;
            // A 1 px gap at the end of wide bars keeps back-to-back tasks (sequential) apart.
            const w = (end - bar.start) * xs;
            ctx.rect(GUTTER + bar.start * xs, y(bar), w >= 4 ? w - 1 : Math.max(1, w), bar.lane.barH);
        });

        // Cancelled bars end in a dark mark: cut short is told by shape, not by grey alone.
        ctx.fillStyle = colours.textStrong;
        for (const bar of bars) {
            if (bar.status !== STATUS_CANCELLED) continue;
            const x = GUTTER + bar.end * xs;
            ctx.fillRect(Math.max(GUTTER + bar.start * xs, x - 3), y(bar) - 1, 3, bar.lane.barH + 2);
        }

        if (hover && hover.lane) {
            const end = hover.status === STATUS_RUNNING ? Math.max(nowT, hover.start) : hover.end;
            ctx.strokeStyle = colours.textStrong;
            ctx.lineWidth = keyboard ? 2 : 1;
            ctx.strokeRect(GUTTER + hover.start * xs - 1, y(hover) - 1, Math.max(1, (end - hover.start) * xs) + 2, hover.lane.barH + 2);
        }
        return bars.length;
    }

    /** Lanes by task: the rows in view. Returns [bars, rows] drawn. */
    drawTaskRows(ctx, model, layout, colours, width, domain, nowT, hover, keyboard) {
        const xs = layout.xs;
        const plotTop = TOP_PAD;
        const plotBottom = TOP_PAD + layout.plotHeight;
        const bars = model.bars;
        const [first, last] = layout.taskWindow();

        ctx.save();
        ctx.beginPath();
        ctx.rect(0, plotTop, width, plotBottom - plotTop);
        ctx.clip();
        // Every other row banded; labels: the task's number, and "⇄n" when it resumed on another
        // thread n times. The engine records the order of a task's threads, not the moments it
        // moved, so the count sits in the label column, off the time axis: nothing reads as a time.
        ctx.textAlign = 'right';
        for (let i = first; i < last; i++) {
            const rowY = plotTop + i * TASK_ROW_H - layout.taskScroll;
            if (i % 2 === 1) {
                ctx.fillStyle = colours.band;
                ctx.fillRect(0, rowY, width - RIGHT_PAD, TASK_ROW_H);
            }
            const hops = hopCount(bars[i]);
            ctx.fillStyle = hops > 0 ? colours.textStrong : colours.text;
            ctx.fillText(hops > 0 ? `#${bars[i].task} ⇄${hops}` : `#${bars[i].task}`, GUTTER - 8, rowY + TASK_ROW_H / 2, GUTTER - 12);
        }
        ctx.restore();

        this.drawAxis(ctx, colours, width, layout, domain);

        ctx.save();
        ctx.beginPath();
        ctx.rect(GUTTER - 4, plotTop, width - GUTTER + 4, plotBottom - plotTop);
        ctx.clip();
        this.fillBars(ctx, colours, bars, first, last, (bar) => {
            const end = bar.status === STATUS_RUNNING ? Math.max(nowT, bar.start) : bar.end;
            ctx.rect(GUTTER + bar.start * xs, layout.taskRowY(bar.index), Math.max(1, (end - bar.start) * xs), BAR_H);
        });

        // A task that changed thread: a line along its whole bar under it (the whole span, so it
        // marks the task, never a moment in it).
        ctx.fillStyle = colours.textStrong;
        for (let i = first; i < last; i++) {
            const bar = bars[i];
            if (hopCount(bar) === 0) continue;
            const end = bar.status === STATUS_RUNNING ? Math.max(nowT, bar.start) : bar.end;
            ctx.fillRect(GUTTER + bar.start * xs, layout.taskRowY(i) + BAR_H + 1, Math.max(1, (end - bar.start) * xs), 1);
        }

        // Cancelled bars end in a dark mark, as in lanes by thread.
        for (let i = first; i < last; i++) {
            const bar = bars[i];
            if (bar.status !== STATUS_CANCELLED) continue;
            const x = GUTTER + bar.end * xs;
            ctx.fillRect(Math.max(GUTTER + bar.start * xs, x - 3), layout.taskRowY(i) - 1, 3, BAR_H + 2);
        }

        if (hover && hover.index >= first && hover.index < last) {
            const end = hover.status === STATUS_RUNNING ? Math.max(nowT, hover.start) : hover.end;
            ctx.strokeStyle = colours.textStrong;
            ctx.lineWidth = keyboard ? 2 : 1;
            ctx.strokeRect(GUTTER + hover.start * xs - 1, layout.taskRowY(hover.index) - 1, Math.max(1, (end - hover.start) * xs) + 2, BAR_H + 2);
        }
        ctx.restore();

        // A scroll bar in the right margin when the rows do not all fit.
        const max = layout.maxTaskScroll();
        if (max > 0) {
            const trackH = plotBottom - plotTop;
            const thumbH = Math.max(16, trackH * layout.plotHeight / (layout.plotHeight + max));
            const thumbY = plotTop + (trackH - thumbH) * (layout.taskScroll / max);
            ctx.fillStyle = colours.grid;
            ctx.fillRect(width - RIGHT_PAD + 3, plotTop, 4, trackH);
            ctx.fillStyle = colours.text;
            ctx.fillRect(width - RIGHT_PAD + 3, thumbY, 4, thumbH);
        }
        return [last - first, last - first];
    }

    /**
     * Fills bars[from..to) with one path per run of equal state: a few fills for thousands of bars,
     * and where rows are squeezed below a pixel the colours still mix in their true proportions
     * (drawing state by state would let the last state painted cover the others). rect(bar) adds a
     * bar's rectangle to the path.
     */
    fillBars(ctx, colours, bars, from, to, rect) {
        let current = -1;
        ctx.beginPath();
        for (let i = from; i < to; i++) {
            const bar = bars[i];
            if (bar.status !== current) {
                if (current >= 0) {
                    ctx.fillStyle = this.fillFor(current, colours);
                    ctx.fill();
                    ctx.beginPath();
                }
                current = bar.status;
            }
            rect(bar);
        }
        if (current >= 0) {
            ctx.fillStyle = this.fillFor(current, colours);
            ctx.fill();
        }
    }

    /** Failed bars are hatched (stripes of the page colour over the failed colour); others are plain. */
    fillFor(status, colours) {
        const colour = colours.status[status];
        if (status !== STATUS_FAILED) return colour;
        const key = `${colour}|${colours.hatch}`;
        if (this.hatchKey !== key) {
            const tile = document.createElement('canvas');
            tile.width = 6;
            tile.height = 6;
            const t = tile.getContext('2d');
            t.fillStyle = colour;
            t.fillRect(0, 0, 6, 6);
            t.strokeStyle = colours.hatch;
            t.lineWidth = 1.5;
            t.beginPath();
            t.moveTo(-1, 7); t.lineTo(7, -1);
            t.moveTo(-1, 1); t.lineTo(1, -1);
            t.moveTo(5, 7); t.lineTo(7, 5);
            t.stroke();
            this.hatch = this.ctx.createPattern(tile, 'repeat');
            this.hatchKey = key;
        }
        return this.hatch;
    }
}
