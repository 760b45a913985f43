// Where things go on a timeline's canvas, in CSS pixels: lanes by thread (each lane as tall as its
// sub-rows need, squeezed together when thousands would not fit) or lanes by task (a row per task,
// scrolled), the x scale, a task's rectangle and the task under a point. No DOM: tested under Node.

import { STATUS_RUNNING, STATUS_NAMES } from './model.js';

export const GUTTER = 116;        // lane labels (dashboard.css --tl-gutter)
export const RIGHT_PAD = 10;      // dashboard.css --tl-right-pad
export const TOP_PAD = 4;
export const AXIS_H = 20;
export const BAR_H = 10;
export const LANE_PAD = 3;
export const MIN_LANE_H = 16;
export const MAX_LANE_H = 132;    // an async lane with thousands of overlapping tasks becomes a dense "wall"
export const MAX_PLOT_H = 420;    // thousands of thread lanes are squeezed, not scrolled
export const WAITING_H = 24;      // a strategy that has not started is one quiet line
export const TASK_ROW_H = 16;     // px per task in lanes by task (a 14 px label fits)

export class TimelineLayout {
    constructor(model) {
        this.model = model;
        this.mode = 'thread';
        this.taskScroll = 0;      // lanes by task: px scrolled
        this.plotHeight = 0;
        this.plotW = 0;
        this.xs = 0;              // px per second
        this.shape = -1;          // the model's shape the lane geometry was computed for
    }

    /** 'thread': a row per thread (tasks packed into it); 'task': a row per task. False when unchanged. */
    setMode(mode) {
        const value = mode === 'task' ? 'task' : 'thread';
        if (value === this.mode) return false;
        this.mode = value;
        this.shape = -1;
        this.taskScroll = 0;
        return true;
    }

    /** Lane geometry (thread mode) or the plot height and scroll range (task mode), from the model now. */
    update() {
        const model = this.model;
        if (this.mode === 'task') {
            this.plotHeight = Math.max(MIN_LANE_H * 2, Math.min(MAX_PLOT_H, model.bars.length * TASK_ROW_H));
            this.taskScroll = Math.max(0, Math.min(this.taskScroll, this.maxTaskScroll()));
            this.shape = -1; // the thread layout is recomputed when switched back
            return;
        }
        if (this.shape === model.shape) return;
        this.shape = model.shape;
        let natural = 0;
        for (const lane of model.laneOrder) {
            lane.h = Math.max(MIN_LANE_H, Math.min(MAX_LANE_H, lane.subrows.length * (BAR_H + 2) + 2 * LANE_PAD));
            natural += lane.h;
        }
        const scale = natural > MAX_PLOT_H ? MAX_PLOT_H / natural : 1;
        let y = TOP_PAD;
        for (const lane of model.laneOrder) {
            lane.h *= scale;
            lane.y = y;
            y += lane.h;
            lane.pad = Math.min(LANE_PAD, lane.h * 0.15);
            const rows = Math.max(1, lane.subrows.length);
            lane.pitch = (lane.h - 2 * lane.pad) / rows;
            lane.barH = Math.max(1, Math.min(BAR_H, lane.pitch > 3 ? lane.pitch - 1 : lane.pitch));
        }
        this.plotHeight = Math.max(MIN_LANE_H * 2, y - TOP_PAD);
    }

    /** The canvas height in CSS pixels. */
    height() {
        return this.model.started ? Math.round(TOP_PAD + this.plotHeight + AXIS_H) : WAITING_H;
    }

    /** The x scale for a canvas width and an axis [0, domain]. */
    setScale(width, domain) {
        this.plotW = width - GUTTER - RIGHT_PAD;
        this.xs = this.plotW / domain;
    }

    maxTaskScroll() {
        return Math.max(0, this.model.bars.length * TASK_ROW_H - this.plotHeight);
    }

    /** First and last (exclusive) rows in view: all that lanes by task draws, however many tasks. */
    taskWindow() {
        const first = Math.max(0, Math.floor(this.taskScroll / TASK_ROW_H));
        const last = Math.min(this.model.bars.length, Math.ceil((this.taskScroll + this.plotHeight) / TASK_ROW_H));
        return [first, last];
    }

    taskRowY(index) {
        return TOP_PAD + index * TASK_ROW_H - this.taskScroll + (TASK_ROW_H - BAR_H) / 2;
    }

    /** Lanes by task: scrolls so that row index is in view. */
    scrollToRow(index) {
        if (this.mode !== 'task') return;
        this.update();
        const top = index * TASK_ROW_H;
        if (top < this.taskScroll) this.taskScroll = top;
        else if (top + TASK_ROW_H > this.taskScroll + this.plotHeight) this.taskScroll = top + TASK_ROW_H - this.plotHeight;
        this.taskScroll = Math.max(0, Math.min(this.taskScroll, this.maxTaskScroll()));
    }

    /** Lanes by task: scrolls by px; false at either end (the page then scrolls on). */
    scrollBy(px) {
        const next = Math.max(0, Math.min(this.maxTaskScroll(), this.taskScroll + px));
        if (next === this.taskScroll) return false;
        this.taskScroll = next;
        return true;
    }

    /** Where a bar is drawn: x, y, width, height, its row, status (and in task mode the threads it ran on). */
    barRect(bar) {
        if (!bar || !this.xs) return null;
        const lane = bar.lane;
        const end = bar.status === STATUS_RUNNING ? Math.max(this.model.extent(), bar.start) : bar.end;
        const x = GUTTER + bar.start * this.xs;
        const width = Math.max(1, (end - bar.start) * this.xs);
        if (this.mode === 'task') {
            return { x, y: this.taskRowY(bar.index), width, height: BAR_H, row: bar.index, status: STATUS_NAMES[bar.status], threads: bar.threads ? bar.threads.slice() : [lane.tid] };
        }
        return { x, y: lane.y + lane.pad + bar.sub * lane.pitch, width, height: lane.barH, row: bar.sub, status: STATUS_NAMES[bar.status] };
    }

    /** The bar under the point (px, py) of the canvas, 3 px of slack either side, or null. */
    hitTest(px, py) {
        if (!this.xs || px < GUTTER) return null;
        this.update();
        const model = this.model;
        const t = (px - GUTTER) / this.xs;
        const tol = 3 / this.xs;
        const nowT = model.nowTime();
        if (this.mode === 'task') {
            if (py < TOP_PAD || py >= TOP_PAD + this.plotHeight) return null;
            const bar = model.bars[Math.floor((py - TOP_PAD + this.taskScroll) / TASK_ROW_H)];
            if (!bar) return null;
            const end = bar.status === STATUS_RUNNING ? nowT : bar.end;
            return t >= bar.start - tol && t <= end + tol ? bar : null;
        }
        const lane = laneAt(model.laneOrder, py);
        if (!lane || lane.subrows.length === 0) return null;
        const first = Math.max(0, Math.floor((py - 2 - lane.y - lane.pad) / lane.pitch));
        const last = Math.min(lane.subrows.length - 1, Math.floor((py + 2 - lane.y - lane.pad) / lane.pitch), first + 64);
        for (let s = first; s <= last; s++) {
            const bars = lane.subrows[s].bars;
            // Bars in a sub-row never overlap and are in start order: binary search the last start <= t.
            let a = 0;
            let b = bars.length - 1;
            let found = -1;
            while (a <= b) {
                const m = (a + b) >> 1;
                if (bars[m].start <= t + tol) { found = m; a = m + 1; } else b = m - 1;
            }
            if (found < 0) continue;
            const bar = bars[found];
            const end = bar.status === STATUS_RUNNING ? nowT : bar.end;
            if (end >= t - tol) return bar;
        }
        return null;
    }
}

/** The lane whose band holds y (lanes in top-to-bottom order), by binary search. */
function laneAt(lanes, y) {
    let lo = 0;
    let hi = lanes.length - 1;
    while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const l = lanes[mid];
        if (y < l.y) hi = mid - 1;
        else if (y >= l.y + l.h) lo = mid + 1;
        else return l;
    }
    return null;
}

/** The bar of a lane that starts nearest to time t. */
export function nearestInLane(lane, t) {
    let best = null;
    for (const sub of lane.subrows) {
        for (const bar of sub.bars) {
            if (!best || Math.abs(bar.start - t) < Math.abs(best.start - t)) best = bar;
        }
    }
    return best;
}
