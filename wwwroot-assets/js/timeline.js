// Concurrency Dashboard — the live task timeline, drawn on a canvas.
//
// x = seconds since the strategy repetition started; one row per lane ("pid:tid"), rows grouped by
// process (and, for the cluster strategy, by lab node: its lanes are labelled "node-1:tid"); one bar per task, coloured by state. Events arrive in batches (addEvents); a batch only
// updates the data structures and asks for ONE redraw on the next animation frame, so thousands of
// events per second cost one draw per frame, never one per event.
//
// Lanes by thread (the default) or by task (setLaneMode): by task, every task has its own row, in
// start order, and a task that ran on several threads (an async task resuming after an await) has
// its bar cut into as many parts, shaded in turn, with a tick at each change of thread. The engine
// records the order of a task's threads, not the moment of each hop, so the parts are equal: the
// ticks say "it moved, this many times", the tooltip and the table name the threads. Only the rows
// in view are drawn (a 10,000-task run draws a few dozen), scrolled with the wheel or the keys.
//
// A counter strip under a canvas (".counter-strip-svg" in the same ".tl-strategy", drawn by
// CounterStrip.razor over its own "data-seconds") is sized on every draw so that its time axis is
// the canvas' one, pixel for pixel: it starts at the gutter and one second is as wide as here.
//
// Accessibility: failed bars are hatched and cancelled bars carry an end mark (not colour alone);
// the canvas takes focus and the arrow keys walk its tasks (detail in the tooltip and in a polite
// live region); a virtualised table of the same spans is drawn into a ".tl-table-host" next to the
// canvas when the page shows tables (RunView.setTables).
//
// Public API:
//   createRunView(root, { mainPid, sameScale })  -> RunView   (one per run, many strategies)
//   new Timeline(canvas, { mainPid })            -> Timeline  (one canvas, usable on its own)
//   timeline.addEvents(events), timeline.setScaleMax(seconds | null), timeline.setLaneMode('thread' | 'task'),
//   timeline.dispose()

const STATUS_RUNNING = 0;
const STATUS_OK = 1;
const STATUS_FAILED = 2;
const STATUS_CANCELLED = 3;
const STATUS_NAMES = ['running', 'ok', 'failed', 'cancelled'];
const KIND_STATUS = { completed: STATUS_OK, failed: STATUS_FAILED, cancelled: STATUS_CANCELLED };

// Geometry in CSS pixels.
const GUTTER = 116;        // lane labels (dashboard.css --tl-gutter: the counter strip's left margin)
const RIGHT_PAD = 10;      // dashboard.css --tl-right-pad
const TOP_PAD = 4;
const AXIS_H = 20;
const BAR_H = 10;
const LANE_PAD = 3;
const MIN_LANE_H = 16;
const MAX_LANE_H = 132;    // an async lane with thousands of overlapping tasks becomes a dense "wall"
const MAX_PLOT_H = 420;    // thousands of thread lanes are squeezed, not scrolled
const WAITING_H = 24;
const EPS = 1e-9;
const TASK_ROW_H = 16;     // px per task in lanes by task (a 14 px label fits)
const TABLE_ROW_H = 28;    // px per row of the span table (fixed: the table is virtualised)
const TABLE_OVERSCAN = 10; // rows rendered above and below the visible ones

// ---------------------------------------------------------------------------------------------
// One frame for everything: dirty views/timelines are drawn together on the next animation frame.

const dirty = new Set();
let frameRequested = false;

function schedule(target) {
    dirty.add(target);
    if (!frameRequested) {
        frameRequested = true;
        requestAnimationFrame(flushFrame);
    }
}

function flushFrame() {
    frameRequested = false;
    const targets = [...dirty];
    dirty.clear();
    for (const target of targets) {
        target.render();
    }
}

// ---------------------------------------------------------------------------------------------
// A binary min-heap of sub-row indices: the lowest free sub-row is reused first, so bars pack
// towards the top of their lane.

function heapPush(heap, value) {
    heap.push(value);
    let i = heap.length - 1;
    while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heap[parent] <= value) break;
        heap[i] = heap[parent];
        i = parent;
    }
    heap[i] = value;
}

function heapPop(heap) {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0) {
        let i = 0;
        const n = heap.length;
        for (;;) {
            const l = 2 * i + 1;
            if (l >= n) break;
            const r = l + 1;
            const c = r < n && heap[r] < heap[l] ? r : l;
            if (heap[c] >= last) break;
            heap[i] = heap[c];
            i = c;
        }
        heap[i] = last;
    }
    return top;
}

// ---------------------------------------------------------------------------------------------
// Formatting

function niceStep(raw) {
    if (!(raw > 0)) return 1;
    const pow = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / pow;
    const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return nice * pow;
}

function formatTick(value, step) {
    if (step < 0.01) return `${Math.round(value * 1000)} ms`;
    // As many decimals as the step needs (0.25 s steps need two), at most three.
    let decimals = 0;
    while (decimals < 3 && Math.abs(step * 10 ** decimals - Math.round(step * 10 ** decimals)) > 1e-6) decimals++;
    return `${value.toFixed(decimals)} s`;
}

function formatSeconds(value) {
    if (value < 1) return `${(value * 1000).toFixed(1)} ms`;
    return `${value.toFixed(3)} s`;
}

function readColours(element) {
    const style = getComputedStyle(element);
    const v = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
    return {
        status: [
            v('--tl-running', '#2196f3'),
            v('--tl-ok', '#2e7d32'),
            v('--tl-failed', '#d32f2f'),
            v('--tl-cancelled', '#9e9e9e'),
        ],
        hatch: v('--tl-hatch', '#ffffff'),
        fontSize: v('--tl-font-size', '11px'),
        text: v('--tl-text', '#555'),
        textStrong: v('--tl-text-strong', '#222'),
        grid: v('--tl-grid', 'rgba(0,0,0,0.12)'),
        band: v('--tl-band', 'rgba(0,0,0,0.03)'),
    };
}

// ---------------------------------------------------------------------------------------------

/** One strategy repetition's timeline on one canvas. */
export class Timeline {
    constructor(canvas, options = {}) {
        this.mainPid = options.mainPid ?? null;
        this.owner = options.owner ?? null;
        this.fixedDomain = null;
        this.hover = null;
        this.canvas = null;
        this.tooltip = null;
        this.skipped = null;
        this.laneMode = 'thread';
        this.reset(0, 0);
        this.started = false;
        if (canvas) this.bind(canvas);
    }

    /** Starts over for a new strategy repetition. */
    reset(repetition, taskCount) {
        this.repetition = repetition;
        this.taskCount = taskCount;
        this.lanes = new Map();        // "pid:tid" -> lane
        this.laneOrder = [];           // lanes sorted: main process first, then pid, then tid
        this.layoutDirty = true;
        this.bars = [];                // every bar, in start order
        this.byTask = new Map();       // task index -> bar
        this.lastTime = 0;
        this.lastArrival = Date.now();
        this.running = false;
        this.finished = false;
        this.wallSeconds = null;
        this.outcome = null;
        this.hover = null;
        this.plotHeight = 0;
        this.taskScroll = 0;           // lanes by task: px scrolled
        this.hopped = 0;               // tasks seen on more than one thread
    }

    bind(canvas) {
        if (this.canvas === canvas) return;
        this.unbind();
        this.canvas = canvas;
        this.ctx = canvas.getContext('2d');
        this.onMove = (e) => this.pointerMoved(e);
        this.onLeave = () => this.pointerLeft();
        this.onKey = (e) => this.keyPressed(e);
        this.onBlur = () => this.focusLeft();
        this.onWheel = (e) => this.wheeled(e);
        canvas.addEventListener('mousemove', this.onMove);
        canvas.addEventListener('mouseleave', this.onLeave);
        canvas.addEventListener('keydown', this.onKey);
        canvas.addEventListener('blur', this.onBlur);
        canvas.addEventListener('wheel', this.onWheel, { passive: false });
        if (!canvas.hasAttribute('tabindex')) canvas.tabIndex = 0;
        this.tableHost = canvas.parentElement?.querySelector('.tl-table-host') ?? null;
        this.tableRendered = null;
        if (!this.owner && canvas.parentElement) {
            // On its own, the timeline follows its container's size; a RunView observes for all.
            this.resizeObserver = new ResizeObserver(() => this.requestDraw());
            this.resizeObserver.observe(canvas.parentElement);
        }
        this.requestDraw();
    }

    unbind() {
        if (!this.canvas) return;
        this.canvas.removeEventListener('mousemove', this.onMove);
        this.canvas.removeEventListener('mouseleave', this.onLeave);
        this.canvas.removeEventListener('keydown', this.onKey);
        this.canvas.removeEventListener('blur', this.onBlur);
        this.canvas.removeEventListener('wheel', this.onWheel);
        this.resizeObserver?.disconnect();
        this.resizeObserver = null;
        this.tooltip?.remove();
        this.tooltip = null;
        this.live?.remove();
        this.live = null;
        this.tableScroll?.remove();
        this.tableScroll = null;
        this.tableHost = null;
        this.canvas = null;
        this.ctx = null;
    }

    dispose() {
        this.unbind();
        dirty.delete(this);
    }

    /** Appends a batch of events and schedules one redraw. */
    addEvents(events) {
        for (const e of events) this.ingest(e);
        this.requestDraw();
    }

    /** Fixes the x axis to [0, seconds] (same time scale across timelines); null = automatic. */
    setScaleMax(seconds) {
        const value = seconds > 0 ? seconds : null;
        if (value === this.fixedDomain) return;
        this.fixedDomain = value;
        this.requestDraw();
    }

    /** 'thread': a row per thread (tasks packed into it); 'task': a row per task, thread changes marked. */
    setLaneMode(mode) {
        const value = mode === 'task' ? 'task' : 'thread';
        if (value === this.laneMode) return;
        this.laneMode = value;
        this.layoutDirty = true;
        this.taskScroll = 0;
        if (this.hover && value === 'task') this.scrollToRow(this.hover.index);
        this.tableRendered = null;
        this.requestDraw();
    }

    requestDraw() {
        schedule(this.owner ?? this);
    }

    /** Seconds covered so far (extrapolated to "now" while running, so running bars grow). */
    extent() {
        let t = this.lastTime;
        if (this.running) t = Math.max(t, this.lastTime + (Date.now() - this.lastArrival) / 1000);
        if (this.wallSeconds !== null) t = Math.max(t, this.wallSeconds);
        return t;
    }

    /** The x axis' right end: grows in whole ticks while running so the scale does not jitter. */
    domainMax() {
        if (this.fixedDomain !== null) return this.fixedDomain;
        return autoDomain(this.extent(), this.running);
    }

    // --- data -----------------------------------------------------------------------------

    ingest(e) {
        switch (e.type) {
            case 'strategy-started':
                this.reset(e.repetition, e.taskCount ?? 0);
                this.started = true;
                this.skipped = null;
                this.running = true;
                this.lastTime = e.time || 0;
                this.lastArrival = Date.now();
                return;
            case 'task':
                if (e.repetition !== this.repetition) return;
                this.taskEvent(e);
                break;
            case 'strategy-completed':
                if (e.repetition !== this.repetition) return;
                this.completed(e);
                break;
            default:
                return;
        }
        if (e.time > this.lastTime) this.lastTime = e.time;
        this.lastArrival = Date.now();
    }

    taskEvent(e) {
        // Kinds are lower case on the wire ("started", "completed", ...); accept any case.
        const kind = (e.kind || '').toLowerCase();
        if (kind === 'queued') return;
        let bar = this.byTask.get(e.task);
        if (!bar) {
            // A task cancelled before it started never ran: it gets no bar.
            if (kind === 'cancelled') return;
            bar = {
                task: e.task,
                lane: null,
                sub: 0,
                start: e.time,
                end: NaN,
                status: STATUS_RUNNING,
                detail: null,
            };
            this.byTask.set(e.task, bar);
            bar.index = this.bars.length;
            this.bars.push(bar);
            this.place(this.laneFor(e.lane, e.node), bar);
        } else {
            this.noteThread(bar, tidOf(e.lane));
        }
        if (e.detail) bar.detail = e.detail;
        const status = KIND_STATUS[kind];
        if (status !== undefined && bar.status === STATUS_RUNNING) this.close(bar, e.time, status);
    }

    /** The task was seen on thread tid: a change from its last one is a hop (lanes by task marks it). */
    noteThread(bar, tid) {
        if (!(tid >= 0)) return;
        const threads = bar.threads;
        const last = threads ? threads[threads.length - 1] : bar.lane.tid;
        if (tid === last) return;
        if (threads) {
            threads.push(tid);
        } else {
            bar.threads = [bar.lane.tid, tid];
            this.hopped++;
        }
    }

    completed(e) {
        // The engine's record of every thread each task ran on, in order (tasks that stayed on one
        // thread are not listed): it supersedes what the start and end events showed.
        if (Array.isArray(e.threads)) {
            for (const row of e.threads) {
                const bar = this.byTask.get(row[0]);
                if (!bar || row.length < 3) continue;
                if (!bar.threads) this.hopped++;
                bar.threads = row.slice(1);
            }
        }
        this.running = false;
        this.finished = true;
        this.wallSeconds = e.wallSeconds ?? this.lastTime;
        this.outcome = e.outcome ?? null;
        // Tasks still open when their strategy ended were cut short.
        for (const bar of this.bars) {
            if (bar.status === STATUS_RUNNING) this.close(bar, Math.max(bar.start, this.wallSeconds), STATUS_CANCELLED);
        }
    }

    /** The run ended (for instance cancelled) without this repetition completing. */
    stop(runState) {
        if (!this.started) {
            // The run ended before this strategy's turn came.
            this.skipped = runState || 'ended';
            this.requestDraw();
            return;
        }
        if (!this.running) return;
        const end = this.extent();
        this.running = false;
        this.lastTime = end;
        for (const bar of this.bars) {
            if (bar.status === STATUS_RUNNING) this.close(bar, Math.max(bar.start, end), STATUS_CANCELLED);
        }
        this.requestDraw();
    }

    close(bar, end, status) {
        bar.end = Math.max(end, bar.start);
        bar.status = status;
        const sub = bar.lane.subrows[bar.sub];
        sub.busy = false;
        if (bar.end > sub.maxEnd) sub.maxEnd = bar.end;
        heapPush(bar.lane.free, bar.sub);
    }

    laneFor(key, node) {
        key = key || '?';
        let lane = this.lanes.get(key);
        if (lane) return lane;
        const colon = key.indexOf(':');
        const pid = colon > 0 ? Number(key.slice(0, colon)) : NaN;
        const tid = colon > 0 ? Number(key.slice(colon + 1)) : NaN;
        const isMain = this.mainPid !== null && pid === this.mainPid;
        lane = {
            key,
            pid,
            tid,
            isMain,
            node: node || null,
            label: node ? `${node}:${tid}` : isMain ? `main:${tid}` : this.mainPid !== null ? `worker ${key}` : key,
            subrows: [],
            free: [],
            y: 0,
            h: 0,
            pad: 0,
            pitch: 0,
            barH: 0,
        };
        this.lanes.set(key, lane);
        this.laneOrder.push(lane);
        this.laneOrder.sort(compareLanes);
        this.layoutDirty = true;
        return lane;
    }

    /** First fit: the lowest sub-row whose last bar ended before this one starts. */
    place(lane, bar) {
        bar.lane = lane;
        let index = -1;
        if (lane.free.length > 0 && lane.subrows[lane.free[0]].maxEnd <= bar.start + EPS) {
            index = heapPop(lane.free);
        }
        if (index < 0) {
            index = lane.subrows.length;
            lane.subrows.push({ bars: [], maxEnd: 0, busy: false });
            this.layoutDirty = true;
        }
        const sub = lane.subrows[index];
        sub.busy = true;
        sub.bars.push(bar);
        bar.sub = index;
    }

    // --- layout ---------------------------------------------------------------------------

    layout() {
        if (this.laneMode === 'task') {
            this.plotHeight = Math.max(MIN_LANE_H * 2, Math.min(MAX_PLOT_H, this.bars.length * TASK_ROW_H));
            this.taskScroll = Math.max(0, Math.min(this.taskScroll, this.maxTaskScroll()));
            this.layoutDirty = true; // the thread layout is recomputed when switched back
            return;
        }
        if (!this.layoutDirty) return;
        this.layoutDirty = false;
        let natural = 0;
        for (const lane of this.laneOrder) {
            lane.h = Math.max(MIN_LANE_H, Math.min(MAX_LANE_H, lane.subrows.length * (BAR_H + 2) + 2 * LANE_PAD));
            natural += lane.h;
        }
        const scale = natural > MAX_PLOT_H ? MAX_PLOT_H / natural : 1;
        let y = TOP_PAD;
        for (const lane of this.laneOrder) {
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

    // --- drawing --------------------------------------------------------------------------

    render(colours) {
        const canvas = this.canvas;
        if (!canvas || !canvas.isConnected) return;
        colours = colours || readColours(canvas);
        this.layout();

        const width = Math.max(GUTTER + 50, canvas.clientWidth || canvas.parentElement?.clientWidth || 600);
        // A strategy that has not started is one quiet line, so queued strategies take little room.
        const waiting = !this.started;
        const height = waiting ? WAITING_H : Math.round(TOP_PAD + this.plotHeight + AXIS_H);
        const dpr = window.devicePixelRatio || 1;
        if (canvas.style.height !== `${height}px`) canvas.style.height = `${height}px`;
        const pw = Math.round(width * dpr);
        const ph = Math.round(height * dpr);
        if (canvas.width !== pw) canvas.width = pw;
        if (canvas.height !== ph) canvas.height = ph;

        const ctx = this.ctx;
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        ctx.clearRect(0, 0, width, height);

        const plotW = width - GUTTER - RIGHT_PAD;
        const domain = this.domainMax();
        const xs = plotW / domain;
        this.xs = xs;
        this.plotW = plotW;
        this.alignFooter(plotW, domain);
        if (waiting) {
            ctx.font = `${colours.fontSize} Roboto, Helvetica, Arial, sans-serif`;
            ctx.textBaseline = 'middle';
            ctx.textAlign = 'left';
            ctx.fillStyle = colours.text;
            ctx.fillText(this.skipped ? `did not run: the run ${this.skipped === 'ended' ? 'ended' : `was ${this.skipped}`} first` : 'waiting to start…', GUTTER, height / 2);
            this.publish(canvas, 0, domain, 0);
            return;
        }
        const plotBottom = TOP_PAD + this.plotHeight;
        ctx.font = `${colours.fontSize} Roboto, Helvetica, Arial, sans-serif`;
        ctx.textBaseline = 'middle';
        const nowT = this.running ? this.extent() : this.lastTime;

        let drawn;
        let rowsDrawn;
        if (this.laneMode === 'task') {
            [drawn, rowsDrawn] = this.drawTaskRows(ctx, colours, width, plotW, domain, xs, nowT);
        } else {
            drawn = this.drawThreadLanes(ctx, colours, width, plotW, domain, xs, nowT);
            rowsDrawn = this.laneOrder.length;
        }

        if (this.bars.length === 0) {
            ctx.fillStyle = colours.text;
            ctx.textAlign = 'left';
            ctx.textBaseline = 'middle';
            ctx.fillText(this.running ? 'started, no task yet…' : 'no tasks ran', GUTTER + 8, TOP_PAD + this.plotHeight / 2);
        }

        this.publish(canvas, drawn, domain, rowsDrawn);
        if (this.tableHost) this.renderTable();
    }

    /** Vertical grid lines and their time labels under the plot (both lane modes). */
    drawAxis(ctx, colours, width, plotW, domain, xs, plotBottom) {
        const step = niceStep(domain / Math.max(2, Math.floor(plotW / 90)));
        ctx.textAlign = 'center';
        ctx.textBaseline = 'top';
        for (let v = 0; v <= domain + EPS; v += step) {
            const x = Math.round(GUTTER + v * xs) + 0.5;
            ctx.fillStyle = colours.grid;
            ctx.fillRect(x - 0.5, TOP_PAD, 1, plotBottom - TOP_PAD + 3);
            ctx.fillStyle = colours.text;
            ctx.fillText(formatTick(v, step), Math.min(x, width - 24), plotBottom + 5);
        }
    }

    /** Lanes by thread: every bar, packed into its thread's sub-rows. Returns the bars drawn. */
    drawThreadLanes(ctx, colours, width, plotW, domain, xs, nowT) {
        const plotBottom = TOP_PAD + this.plotHeight;

        // Lane bands, alternating per process so the eye sees which lanes share a process.
        let groupIndex = -1;
        let lastPid = null;
        for (const lane of this.laneOrder) {
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
        for (const lane of this.laneOrder) {
            const cy = lane.y + Math.min(lane.h, MIN_LANE_H) / 2;
            if (cy - lastLabelY < 12) continue;
            ctx.fillText(lane.label, GUTTER - 8, cy, GUTTER - 12);
            lastLabelY = cy;
        }

        this.drawAxis(ctx, colours, width, plotW, domain, xs, plotBottom);

        // Bars in start order, one path per run of equal state: a few fills for thousands of bars,
        // and where sub-rows are squeezed below a pixel the colours still mix in their true
        // proportions (drawing state by state would let the last state painted cover the others).
        const bars = this.bars;
        let drawn = 0;
        let current = -1;
        ctx.beginPath();
        for (let i = 0; i < bars.length; i++) {
            const bar = bars[i];
            const status = bar.status;
            if (status !== current) {
                if (current >= 0) {
                    ctx.fillStyle = this.fillFor(current, colours);
                    ctx.fill();
                    ctx.beginPath();
                }
                current = status;
            }
            const lane = bar.lane;
            const end = status === STATUS_RUNNING ? Math.max(nowT, bar.start) : bar.end;
            // A 1 px gap at the end of wide bars keeps back-to-back tasks (sequential) apart.
            const w = (end - bar.start) * xs;
            ctx.rect(GUTTER + bar.start * xs, lane.y + lane.pad + bar.sub * lane.pitch, w >= 4 ? w - 1 : Math.max(1, w), lane.barH);
            drawn++;
        }
        if (current >= 0) {
            ctx.fillStyle = this.fillFor(current, colours);
            ctx.fill();
        }

        // Cancelled bars end in a dark mark: cut short is told by shape, not by grey alone.
        ctx.fillStyle = colours.textStrong;
        for (let i = 0; i < bars.length; i++) {
            const bar = bars[i];
            if (bar.status !== STATUS_CANCELLED) continue;
            const lane = bar.lane;
            const x = GUTTER + bar.end * xs;
            ctx.fillRect(Math.max(GUTTER + bar.start * xs, x - 3), lane.y + lane.pad + bar.sub * lane.pitch - 1, 3, lane.barH + 2);
        }

        if (this.hover && this.hover.lane) {
            const bar = this.hover;
            const lane = bar.lane;
            const end = bar.status === STATUS_RUNNING ? Math.max(nowT, bar.start) : bar.end;
            ctx.strokeStyle = colours.textStrong;
            ctx.lineWidth = this.keyboard ? 2 : 1;
            ctx.strokeRect(
                GUTTER + bar.start * xs - 1,
                lane.y + lane.pad + bar.sub * lane.pitch - 1,
                Math.max(1, (end - bar.start) * xs) + 2,
                lane.barH + 2);
        }
        return drawn;
    }

    // --- lanes by task --------------------------------------------------------------------

    maxTaskScroll() {
        return Math.max(0, this.bars.length * TASK_ROW_H - this.plotHeight);
    }

    /** First and last (exclusive) rows in view: all that lanes by task draws, however many tasks. */
    taskWindow() {
        const first = Math.max(0, Math.floor(this.taskScroll / TASK_ROW_H));
        const last = Math.min(this.bars.length, Math.ceil((this.taskScroll + this.plotHeight) / TASK_ROW_H));
        return [first, last];
    }

    taskRowY(index) {
        return TOP_PAD + index * TASK_ROW_H - this.taskScroll + (TASK_ROW_H - BAR_H) / 2;
    }

    /** Scrolls lanes by task so that row index is in view. */
    scrollToRow(index) {
        if (this.laneMode !== 'task') return;
        this.layout();
        const top = index * TASK_ROW_H;
        if (top < this.taskScroll) this.taskScroll = top;
        else if (top + TASK_ROW_H > this.taskScroll + this.plotHeight) this.taskScroll = top + TASK_ROW_H - this.plotHeight;
        this.taskScroll = Math.max(0, Math.min(this.taskScroll, this.maxTaskScroll()));
    }

    wheeled(e) {
        if (this.laneMode !== 'task') return;
        const max = this.maxTaskScroll();
        if (max <= 0) return;
        const unit = e.deltaMode === 1 ? TASK_ROW_H : e.deltaMode === 2 ? this.plotHeight : 1;
        const next = Math.max(0, Math.min(max, this.taskScroll + e.deltaY * unit));
        // At either end the page scrolls on, as it would over any other element.
        if (next === this.taskScroll) return;
        e.preventDefault();
        this.taskScroll = next;
        this.requestDraw();
    }

    /** Lanes by task: the rows in view, each task's thread changes marked. Returns [bars, rows] drawn. */
    drawTaskRows(ctx, colours, width, plotW, domain, xs, nowT) {
        const plotTop = TOP_PAD;
        const plotBottom = TOP_PAD + this.plotHeight;
        const bars = this.bars;
        const [first, last] = this.taskWindow();

        ctx.save();
        ctx.beginPath();
        ctx.rect(0, plotTop, width, plotBottom - plotTop);
        ctx.clip();

        // Every other row banded, and labels: the task's number.
        ctx.textAlign = 'right';
        for (let i = first; i < last; i++) {
            const y = plotTop + i * TASK_ROW_H - this.taskScroll;
            if (i % 2 === 1) {
                ctx.fillStyle = colours.band;
                ctx.fillRect(0, y, width - RIGHT_PAD, TASK_ROW_H);
            }
            ctx.fillStyle = colours.text;
            ctx.fillText(`#${bars[i].task}`, GUTTER - 8, y + TASK_ROW_H / 2, GUTTER - 12);
        }
        ctx.restore();

        this.drawAxis(ctx, colours, width, plotW, domain, xs, plotBottom);

        ctx.save();
        ctx.beginPath();
        ctx.rect(GUTTER - 4, plotTop, width - GUTTER + 4, plotBottom - plotTop);
        ctx.clip();

        // Bars, one path per run of equal state as in lanes by thread.
        let current = -1;
        ctx.beginPath();
        for (let i = first; i < last; i++) {
            const bar = bars[i];
            if (bar.status !== current) {
                if (current >= 0) {
                    ctx.fillStyle = this.fillFor(current, colours);
                    ctx.fill();
                    ctx.beginPath();
                }
                current = bar.status;
            }
            const end = bar.status === STATUS_RUNNING ? Math.max(nowT, bar.start) : bar.end;
            ctx.rect(GUTTER + bar.start * xs, this.taskRowY(i), Math.max(1, (end - bar.start) * xs), BAR_H);
        }
        if (current >= 0) {
            ctx.fillStyle = this.fillFor(current, colours);
            ctx.fill();
        }

        // Thread changes: the bar in as many parts as threads, every other part lightened, and a
        // tick that stands out above and below the bar at each change (shape, not colour alone).
        for (let i = first; i < last; i++) {
            const bar = bars[i];
            const threads = bar.threads;
            if (!threads || threads.length < 2) continue;
            const end = bar.status === STATUS_RUNNING ? Math.max(nowT, bar.start) : bar.end;
            const x0 = GUTTER + bar.start * xs;
            const w = Math.max(1, (end - bar.start) * xs);
            const y = this.taskRowY(i);
            const parts = Math.min(threads.length, Math.max(2, Math.floor(w / 3)));
            const part = w / parts;
            ctx.globalAlpha = 0.45;
            ctx.fillStyle = colours.hatch;
            for (let p = 1; p < parts; p += 2) ctx.fillRect(x0 + p * part, y, part, BAR_H);
            ctx.globalAlpha = 1;
            ctx.fillStyle = colours.textStrong;
            // 2 px above and below: the rows' 6 px gap keeps the ticks of neighbouring tasks apart.
            for (let p = 1; p < parts; p++) ctx.fillRect(Math.round(x0 + p * part) - 1, y - 2, 2, BAR_H + 4);
        }

        // Cancelled bars end in a dark mark, as in lanes by thread.
        ctx.fillStyle = colours.textStrong;
        for (let i = first; i < last; i++) {
            const bar = bars[i];
            if (bar.status !== STATUS_CANCELLED) continue;
            const x = GUTTER + bar.end * xs;
            ctx.fillRect(Math.max(GUTTER + bar.start * xs, x - 3), this.taskRowY(i) - 1, 3, BAR_H + 2);
        }

        if (this.hover && this.hover.index >= first && this.hover.index < last) {
            const bar = this.hover;
            const end = bar.status === STATUS_RUNNING ? Math.max(nowT, bar.start) : bar.end;
            ctx.strokeStyle = colours.textStrong;
            ctx.lineWidth = this.keyboard ? 2 : 1;
            ctx.strokeRect(GUTTER + bar.start * xs - 1, this.taskRowY(bar.index) - 1, Math.max(1, (end - bar.start) * xs) + 2, BAR_H + 2);
        }
        ctx.restore();

        // A scroll bar in the right margin when the rows do not all fit.
        const max = this.maxTaskScroll();
        if (max > 0) {
            const trackH = plotBottom - plotTop;
            const thumbH = Math.max(16, trackH * this.plotHeight / (this.plotHeight + max));
            const thumbY = plotTop + (trackH - thumbH) * (this.taskScroll / max);
            ctx.fillStyle = colours.grid;
            ctx.fillRect(width - RIGHT_PAD + 3, plotTop, 4, trackH);
            ctx.fillStyle = colours.text;
            ctx.fillRect(width - RIGHT_PAD + 3, thumbY, 4, thumbH);
        }
        return [last - first, last - first];
    }

    /**
     * Sizes the counter strip under this canvas (if any) to the canvas' time axis: its plot starts
     * at the gutter (CSS) and its svg, which spans data-seconds, gets the width those seconds have here.
     */
    alignFooter(plotW, domain) {
        const svg = this.canvas.parentElement?.querySelector('.counter-strip-svg');
        if (!svg) return;
        const seconds = Number(svg.getAttribute('data-seconds'));
        const width = seconds > 0 && domain > 0 ? (plotW * seconds) / domain : plotW;
        const text = `${Math.max(1, width).toFixed(2)}px`;
        if (svg.style.width !== text) svg.style.width = text;
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

    /** What browser tests read: counts and state of the last draw, on the canvas element. */
    publish(canvas, drawn, domain, rowsDrawn) {
        const byTask = this.laneMode === 'task';
        setAttr(canvas, 'data-bars', drawn);
        setAttr(canvas, 'data-lanes', this.laneOrder.length);
        setAttr(canvas, 'data-rows', byTask ? this.bars.length : this.laneOrder.reduce((n, lane) => n + lane.subrows.length, 0));
        setAttr(canvas, 'data-lane-mode', this.laneMode);
        setAttr(canvas, 'data-rows-drawn', rowsDrawn);
        setAttr(canvas, 'data-hopped', this.hopped);
        setAttr(canvas, 'data-repetition', this.repetition);
        setAttr(canvas, 'data-state', !this.started ? (this.skipped ? 'skipped' : 'waiting') : this.running ? 'running' : 'done');
        setAttr(canvas, 'data-domain', domain.toFixed(4));
        const name = canvas.getAttribute('data-name') || 'tasks';
        const tasks = `${this.bars.length} task${this.bars.length === 1 ? '' : 's'}`;
        setAttr(canvas, 'aria-label', byTask
            ? `Task timeline of ${name}, lanes by task: ${tasks}, ${this.hopped} of them resumed on another thread. Arrow keys walk the tasks.`
            : `Task timeline of ${name}: ${tasks} in ${this.laneOrder.length} lane${this.laneOrder.length === 1 ? '' : 's'}. Arrow keys walk the tasks.`);
    }

    /** Where a task's bar was last drawn, in CSS pixels of the canvas (null when it has none). */
    barRect(task) {
        const bar = this.byTask.get(task);
        if (!bar || !this.xs) return null;
        const lane = bar.lane;
        const end = bar.status === STATUS_RUNNING ? Math.max(this.extent(), bar.start) : bar.end;
        if (this.laneMode === 'task') {
            return {
                x: GUTTER + bar.start * this.xs,
                y: this.taskRowY(bar.index),
                width: Math.max(1, (end - bar.start) * this.xs),
                height: BAR_H,
                row: bar.index,
                status: STATUS_NAMES[bar.status],
                threads: bar.threads ? bar.threads.slice() : [lane.tid],
            };
        }
        return {
            x: GUTTER + bar.start * this.xs,
            y: lane.y + lane.pad + bar.sub * lane.pitch,
            width: Math.max(1, (end - bar.start) * this.xs),
            height: lane.barH,
            row: bar.sub,
            status: STATUS_NAMES[bar.status],
        };
    }

    // --- hover ----------------------------------------------------------------------------

    hitTest(px, py) {
        if (!this.xs || px < GUTTER) return null;
        this.layout();
        if (this.laneMode === 'task') {
            if (py < TOP_PAD || py >= TOP_PAD + this.plotHeight) return null;
            const bar = this.bars[Math.floor((py - TOP_PAD + this.taskScroll) / TASK_ROW_H)];
            if (!bar) return null;
            const t = (px - GUTTER) / this.xs;
            const tol = 3 / this.xs;
            const end = bar.status === STATUS_RUNNING ? (this.running ? this.extent() : this.lastTime) : bar.end;
            return t >= bar.start - tol && t <= end + tol ? bar : null;
        }
        const lanes = this.laneOrder;
        let lo = 0;
        let hi = lanes.length - 1;
        let lane = null;
        while (lo <= hi) {
            const mid = (lo + hi) >> 1;
            const l = lanes[mid];
            if (py < l.y) hi = mid - 1;
            else if (py >= l.y + l.h) lo = mid + 1;
            else { lane = l; break; }
        }
        if (!lane || lane.subrows.length === 0) return null;

        const t = (px - GUTTER) / this.xs;
        const tol = 3 / this.xs;
        const nowT = this.running ? this.extent() : this.lastTime;
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

    pointerMoved(e) {
        this.keyboard = false;
        const rect = this.canvas.getBoundingClientRect();
        const bar = this.hitTest(e.clientX - rect.left, e.clientY - rect.top);
        if (bar !== this.hover) {
            this.hover = bar;
            this.requestDraw();
        }
        if (!bar) {
            if (this.tooltip) this.tooltip.hidden = true;
            return;
        }
        const tip = this.ensureTooltip();
        tip.textContent = describe(bar, this.running ? this.extent() : this.lastTime);
        tip.hidden = false;
        const host = tip.offsetParent || this.canvas.parentElement;
        const hostRect = host.getBoundingClientRect();
        let left = e.clientX - hostRect.left + 14;
        const top = e.clientY - hostRect.top + 14;
        if (left + tip.offsetWidth > hostRect.width) left = Math.max(0, e.clientX - hostRect.left - tip.offsetWidth - 10);
        tip.style.left = `${left}px`;
        tip.style.top = `${top}px`;
    }

    pointerLeft() {
        if (this.tooltip) this.tooltip.hidden = true;
        if (this.hover) {
            this.hover = null;
            this.requestDraw();
        }
    }

    // --- keyboard ---------------------------------------------------------------------------

    /** Left/Right: previous/next task in start order; Up/Down: the nearest task of the lane above/below; Home/End; Escape. */
    keyPressed(e) {
        const bars = this.bars;
        if (bars.length === 0) return;
        const current = this.keyboard && this.hover ? this.hover : null;
        let next = null;
        switch (e.key) {
            case 'ArrowRight':
                next = current ? bars[Math.min(bars.length - 1, current.index + 1)] : bars[0];
                break;
            case 'ArrowLeft':
                next = current ? bars[Math.max(0, current.index - 1)] : bars[0];
                break;
            case 'ArrowDown':
            case 'ArrowUp': {
                if (!current) { next = bars[0]; break; }
                if (this.laneMode === 'task') {
                    // A row per task, in start order: up and down are the previous and next task.
                    next = bars[Math.max(0, Math.min(bars.length - 1, current.index + (e.key === 'ArrowDown' ? 1 : -1)))];
                    break;
                }
                this.layout();
                const lanes = this.laneOrder;
                const at = lanes.indexOf(current.lane) + (e.key === 'ArrowDown' ? 1 : -1);
                next = at >= 0 && at < lanes.length ? nearestInLane(lanes[at], current.start) ?? current : current;
                break;
            }
            case 'PageDown':
            case 'PageUp': {
                if (this.laneMode !== 'task') return;
                this.layout();
                const page = Math.max(1, Math.floor(this.plotHeight / TASK_ROW_H) - 1);
                const from = current ? current.index : this.taskWindow()[0];
                next = bars[Math.max(0, Math.min(bars.length - 1, from + (e.key === 'PageDown' ? page : -page)))];
                break;
            }
            case 'Home':
                next = bars[0];
                break;
            case 'End':
                next = bars[bars.length - 1];
                break;
            case 'Escape':
                if (!current) return;
                this.focusLeft();
                e.preventDefault();
                return;
            default:
                return;
        }
        e.preventDefault();
        this.select(next);
    }

    /** Highlights a task, shows its detail beside the bar and says it in the live region. */
    select(bar) {
        this.keyboard = true;
        this.hover = bar;
        this.scrollToRow(bar.index);
        this.requestDraw();
        const text = describe(bar, this.running ? this.extent() : this.lastTime);
        const tip = this.ensureTooltip();
        tip.textContent = text;
        tip.hidden = false;
        const rect = this.barRect(bar.task);
        if (rect) {
            const left = Math.min(rect.x, Math.max(0, this.canvas.clientWidth - tip.offsetWidth));
            tip.style.left = `${this.canvas.offsetLeft + left}px`;
            tip.style.top = `${this.canvas.offsetTop + rect.y + rect.height + 6}px`;
        }
        this.ensureLive().textContent = `${text.replace(/\n/g, '. ')}. ${bar.index + 1} of ${this.bars.length}.`;
        setAttr(this.canvas, 'data-selected-task', bar.task);
    }

    focusLeft() {
        if (!this.keyboard) return;
        this.keyboard = false;
        this.hover = null;
        if (this.tooltip) this.tooltip.hidden = true;
        this.canvas?.removeAttribute('data-selected-task');
        this.requestDraw();
    }

    ensureLive() {
        if (!this.live) {
            const live = document.createElement('div');
            live.className = 'visually-hidden';
            live.setAttribute('role', 'status');
            live.setAttribute('aria-live', 'polite');
            live.setAttribute('data-test', 'timeline-live');
            this.canvas.parentElement.appendChild(live);
            this.live = live;
        }
        return this.live;
    }

    // --- table ------------------------------------------------------------------------------

    /**
     * The same spans as a table (task, lane, start, end, duration, status), virtualised: only the
     * rows in view (plus a margin) are in the DOM, so 10,000 tasks cost a few dozen rows.
     */
    renderTable() {
        const host = this.tableHost;
        if (!host || host.hidden || !host.isConnected) return;
        if (!this.tableScroll) {
            const scroll = document.createElement('div');
            scroll.className = 'tl-table-scroll';
            scroll.tabIndex = 0;
            scroll.setAttribute('role', 'region');
            const name = this.canvas?.getAttribute('data-name') || 'tasks';
            scroll.setAttribute('aria-label', `Tasks of ${name}, table`);
            scroll.innerHTML = '<table class="tl-table"><thead><tr aria-rowindex="1"><th scope="col">Task</th><th scope="col">Lane</th>'
                + '<th scope="col">Threads</th><th scope="col" class="num">Start</th><th scope="col" class="num">End</th><th scope="col" class="num">Duration</th><th scope="col">Status</th></tr></thead><tbody></tbody></table>';
            scroll.addEventListener('scroll', () => this.renderTable(), { passive: true });
            host.appendChild(scroll);
            this.tableScroll = scroll;
            this.tableRendered = null;
        }
        const scroll = this.tableScroll;
        const table = scroll.firstChild;
        const body = table.tBodies[0];
        const bars = this.bars;
        const nowT = this.running ? this.extent() : this.lastTime;
        const viewH = scroll.clientHeight || 360;
        const first = Math.max(0, Math.floor(scroll.scrollTop / TABLE_ROW_H) - TABLE_OVERSCAN);
        const last = Math.min(bars.length, Math.ceil((scroll.scrollTop + viewH) / TABLE_ROW_H) + TABLE_OVERSCAN);
        // Finished spans never change: skip the DOM work when the window and the data are as drawn.
        const key = `${first}:${last}:${bars.length}:${this.running ? nowT : 'done'}`;
        if (this.tableRendered === key) return;
        this.tableRendered = key;
        setAttr(table, 'aria-rowcount', bars.length + 1);
        setAttr(scroll, 'data-rows', bars.length);
        const rows = [];
        rows.push(`<tr class="tl-spacer" aria-hidden="true" style="height:${first * TABLE_ROW_H}px"></tr>`);
        for (let i = first; i < last; i++) {
            const bar = bars[i];
            const open = bar.status === STATUS_RUNNING;
            const end = open ? nowT : bar.end;
            rows.push(`<tr aria-rowindex="${i + 2}" data-task="${bar.task}"><td>#${bar.task}</td><td>${escapeHtml(bar.lane.label)}</td><td>${threadsText(bar)}</td>`
                + `<td class="num">${formatSeconds(bar.start)}</td><td class="num">${open ? '…' : formatSeconds(end)}</td>`
                + `<td class="num">${formatSeconds(Math.max(0, end - bar.start))}</td><td class="tl-s-${STATUS_NAMES[bar.status]}">${STATUS_NAMES[bar.status]}</td></tr>`);
        }
        rows.push(`<tr class="tl-spacer" aria-hidden="true" style="height:${(bars.length - last) * TABLE_ROW_H}px"></tr>`);
        body.innerHTML = rows.join('');
    }

    ensureTooltip() {
        if (!this.tooltip) {
            const tip = document.createElement('div');
            tip.className = 'tl-tooltip';
            tip.setAttribute('role', 'tooltip');
            tip.setAttribute('data-test', 'timeline-tooltip');
            tip.hidden = true;
            this.canvas.parentElement.appendChild(tip);
            this.tooltip = tip;
        }
        return this.tooltip;
    }
}

const ROW_TYPES = ['strategy-started', 'task', 'strategy-completed'];
const ROW_KINDS = ['queued', 'started', 'progress', 'completed', 'failed', 'cancelled'];

/** Rows [type, strategy, repetition, task, kind, time, wallMs, lane, detail, taskCount?, wallSeconds?, outcome?, threads?] to events. */
export function decodeRows(rows) {
    const events = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        events[i] = {
            type: ROW_TYPES[r[0]],
            strategy: r[1],
            repetition: r[2],
            task: r[3],
            kind: ROW_KINDS[r[4]] ?? null,
            time: r[5],
            wallMs: r[6],
            lane: r[7],
            detail: r[8],
            // Task rows carry the node at 9; strategy rows carry the task count there.
            node: r[0] === 1 ? r[9] ?? null : null,
            taskCount: r[0] === 1 ? null : r[9] ?? null,
            wallSeconds: r[10] ?? null,
            outcome: r[11] ?? null,
            // Strategy-completed rows: [[task, thread, thread, ...], ...] of the tasks that changed thread.
            threads: r[0] === 2 ? r[12] ?? null : null,
        };
    }
    return events;
}

function autoDomain(extent, running) {
    if (!(extent > 0)) return 1;
    if (!running) return extent * 1.02;
    const step = niceStep(extent / 5);
    return Math.ceil((extent * 1.05) / step) * step;
}

function compareLanes(a, b) {
    if (a.isMain !== b.isMain) return a.isMain ? -1 : 1;
    if (a.node !== b.node) return (a.node || '').localeCompare(b.node || '', 'en', { numeric: true });
    if (a.pid !== b.pid) return (a.pid || 0) - (b.pid || 0);
    return (a.tid || 0) - (b.tid || 0);
}

function setAttr(element, name, value) {
    const text = String(value);
    if (element.getAttribute(name) !== text) element.setAttribute(name, text);
}

/** The bar of a lane that starts nearest to time t. */
function nearestInLane(lane, t) {
    let best = null;
    for (const sub of lane.subrows) {
        for (const bar of sub.bars) {
            if (!best || Math.abs(bar.start - t) < Math.abs(best.start - t)) best = bar;
        }
    }
    return best;
}

/** The threads a task ran on, in order ("12 → 15 → 12"), or its lane's thread. */
function threadsText(bar) {
    if (bar.threads) return bar.threads.join(' → ');
    return Number.isFinite(bar.lane.tid) ? String(bar.lane.tid) : '–';
}

/** The thread id of a lane key "pid:tid" (or "node:tid"); NaN when there is none. */
function tidOf(key) {
    if (!key) return NaN;
    const colon = key.lastIndexOf(':');
    return colon > 0 ? Number(key.slice(colon + 1)) : NaN;
}

function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function describe(bar, nowT) {
    const running = bar.status === STATUS_RUNNING;
    const end = running ? nowT : bar.end;
    const lines = [
        `Task #${bar.task} · ${STATUS_NAMES[bar.status]}`,
        `lane ${bar.lane.label}`,
        ...(bar.threads ? [`threads ${threadsText(bar)} (resumed on another thread ${bar.threads.length - 1}×)`] : []),
        `start ${formatSeconds(bar.start)} · end ${running ? '…' : formatSeconds(end)}`,
        `duration ${formatSeconds(Math.max(0, end - bar.start))}${running ? ' so far' : ''}`,
    ];
    if (bar.detail) lines.push(bar.detail.length > 300 ? `${bar.detail.slice(0, 300)}…` : bar.detail);
    return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

/**
 * All the strategies of one run. Canvases are found inside root by data-strategy; events for a
 * strategy whose canvas is not rendered yet are kept and drawn once it appears (refresh()).
 */
export class RunView {
    constructor(root, options = {}) {
        this.root = root;
        this.mainPid = options.mainPid ?? null;
        this.sameScale = !!options.sameScale;
        this.timelines = new Map();
        this.themeKey = themeKey(root);
        this.draws = 0;            // frames drawn: tests check that a batch costs one frame
        this.resizeObserver = new ResizeObserver(() => schedule(this));
        this.resizeObserver.observe(root);
        // A counter strip re-rendered by Blazor (new samples, so a new data-seconds) or just shown is
        // sized again before the browser paints it, so it never shows off the canvas' time axis.
        this.footerObserver = new MutationObserver((records) => {
            if (records.some(isFooterChange)) schedule(this);
        });
        this.footerObserver.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-seconds'] });
        // While a strategy runs its open bars grow with the clock even between batches; the same
        // tick notices a theme switch (MudBlazor swaps its CSS variables) and redraws.
        this.ticker = setInterval(() => this.tick(), 250);
        this.refresh();
    }

    timeline(strategy) {
        let timeline = this.timelines.get(strategy);
        if (!timeline) {
            timeline = new Timeline(null, { mainPid: this.mainPid, owner: this });
            this.timelines.set(strategy, timeline);
        }
        return timeline;
    }

    /** Binds canvases rendered since the last call (Blazor calls this after it renders). */
    refresh() {
        for (const canvas of this.root.querySelectorAll('canvas[data-strategy]')) {
            this.timeline(canvas.getAttribute('data-strategy')).bind(canvas);
        }
        schedule(this);
    }

    /** Appends one batch of wire events; one redraw follows on the next frame. */
    addEvents(events) {
        const metrics = window.__timelineMetrics;
        if (metrics) {
            const now = Date.now();
            metrics.batches++;
            metrics.events += events.length;
            for (const e of events) {
                if (e.type === 'task') metrics.latencies.push(now - e.wallMs);
            }
        }
        for (const e of events) {
            this.timeline(e.strategy).ingest(e);
        }
        schedule(this);
    }

    /** Appends one packed batch (a JSON string of rows written by TimelinePayload.cs). */
    addRows(json) {
        const metrics = window.__timelineMetrics;
        const t0 = metrics ? performance.now() : 0;
        this.addEvents(decodeRows(JSON.parse(json)));
        if (metrics) metrics.maxIngestMs = Math.max(metrics.maxIngestMs || 0, performance.now() - t0);
    }

    /** Shows or hides the span tables (the page's "Table" switch); the hosts are in the markup. */
    setTables(on) {
        this.tables = !!on;
        for (const t of this.timelines.values()) t.tableRendered = null;
        schedule(this);
    }

    /** A strategy's lanes: 'thread' (one row per thread) or 'task' (one row per task, thread changes marked). */
    setLaneMode(strategy, mode) {
        this.timeline(strategy).setLaneMode(mode);
        schedule(this);
    }

    setSameScale(on) {
        this.sameScale = !!on;
        if (!this.sameScale) {
            for (const t of this.timelines.values()) t.fixedDomain = null;
        }
        schedule(this);
    }

    /** Where a task's bar of a strategy was last drawn (CSS pixels of its canvas), or null. */
    barRect(strategy, task) {
        return this.timelines.get(strategy)?.barRect(task) ?? null;
    }

    /** The run ended (state: "completed", "cancelled", "failed", ...): nothing runs any more. */
    finish(state) {
        for (const t of this.timelines.values()) t.stop(state);
        schedule(this);
    }

    tick() {
        const key = themeKey(this.root);
        let redraw = key !== this.themeKey;
        this.themeKey = key;
        for (const t of this.timelines.values()) redraw ||= t.running;
        if (redraw) schedule(this);
    }

    render() {
        if (!this.root.isConnected) return;
        if (this.sameScale) {
            let extent = 0;
            let running = false;
            for (const t of this.timelines.values()) {
                extent = Math.max(extent, t.extent());
                running ||= t.running;
            }
            const domain = autoDomain(extent, running);
            for (const t of this.timelines.values()) t.fixedDomain = domain;
        }
        const metrics = window.__timelineMetrics;
        const t0 = metrics ? performance.now() : 0;
        const colours = readColours(this.root);
        for (const t of this.timelines.values()) t.render(colours);
        this.draws++;
        if (metrics) metrics.maxDrawMs = Math.max(metrics.maxDrawMs || 0, performance.now() - t0);
    }

    dispose() {
        clearInterval(this.ticker);
        this.resizeObserver.disconnect();
        this.footerObserver.disconnect();
        for (const t of this.timelines.values()) t.dispose();
        this.timelines.clear();
        dirty.delete(this);
    }
}

function isFooterChange(record) {
    if (record.type === 'attributes') return true;
    for (const node of record.addedNodes) {
        if (node.nodeType === 1 && (node.matches('.counter-strip-svg') || node.querySelector('.counter-strip-svg'))) return true;
    }
    return false;
}

/** What a theme switch or the large-text mode changes: a redraw follows when it differs. */
function themeKey(root) {
    const style = getComputedStyle(root);
    return `${style.getPropertyValue('--tl-text-strong')}|${style.getPropertyValue('--tl-font-size')}`;
}

export function createRunView(root, options) {
    return new RunView(root, options);
}
