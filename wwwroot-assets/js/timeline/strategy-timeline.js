// One strategy repetition's timeline on one canvas: the detailed bars (model, layout, renderer,
// interaction, table), or a large run's counts per bucket (tally.js, density.js), or a window of
// its tasks drawn with the detailed timeline (showWindow). RunView (timeline.js) owns many.

import { TimelineModel } from './model.js';
import { TimelineLayout, GUTTER, RIGHT_PAD } from './layout.js';
import { TimelineRenderer, readColours, setAttr } from './renderer.js';
import { TimelineInteraction } from './interaction.js';
import { SpanTable } from './table.js';
import { drawCounterStrip } from './counter-strip.js';
import { startupSegment, publishStartup } from './phases.js';
import { TallyModel } from './tally.js';
import { drawDensity, densityLabel } from './density.js';
import { schedule, dirty } from './frame.js';

/** One strategy repetition's timeline on one canvas. */
export class Timeline {
    constructor(canvas, options = {}) {
        this.base = new TimelineModel({ mainPid: options.mainPid ?? null });
        this.tally = null;         // a large run's counts per bucket (TallyModel), null for a detailed run
        this.window = null;        // { model }: a window of tasks drawn in place of the counts
        this.layout = new TimelineLayout(this.base);
        this.owner = options.owner ?? null;
        this.fixedDomain = null;
        this.hover = null;
        this.keyboard = false;
        this.canvas = null;
        if (canvas) this.bind(canvas);
    }

    /** What the canvas draws: the window's tasks when one is shown, else the live repetition. */
    get model() {
        return this.window ? this.window.model : this.base;
    }

    get running() {
        return this.base.running;
    }

    /** True when this timeline draws counts (a large run without a window shown). */
    get aggregated() {
        return this.tally !== null && this.window === null;
    }

    bind(canvas) {
        if (this.canvas === canvas) return;
        this.unbind();
        this.canvas = canvas;
        this.renderer = new TimelineRenderer(canvas);
        this.interaction = new TimelineInteraction(this);
        const host = canvas.parentElement?.querySelector('.tl-table-host') ?? null;
        this.table = host ? new SpanTable(host, this.model, canvas.getAttribute('data-name') || 'tasks') : null;
        if (!this.owner && canvas.parentElement) {
            // On its own, the timeline follows its container's size; a RunView observes for all.
            this.resizeObserver = new ResizeObserver(() => this.requestDraw());
            this.resizeObserver.observe(canvas.parentElement);
        }
        this.requestDraw();
    }

    unbind() {
        this.lastDrawing = null;
        if (!this.canvas) return;
        this.interaction.dispose();
        this.table?.dispose();
        this.resizeObserver?.disconnect();
        this.resizeObserver = null;
        this.canvas = null;
        this.renderer = null;
        this.interaction = null;
        this.table = null;
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

    ingest(e) {
        if (e.type === 'strategy-started') {
            // A new repetition: nothing of the last one stays highlighted or scrolled.
            this.hover = null;
            this.layout.taskScroll = 0;
            this.table?.invalidate();
            this.tally?.reset(e.repetition);
        }
        if (e.type === 'tally') {
            this.addTally(e);
            return;
        }
        this.base.ingest(e);
    }

    addTally(e) {
        this.base.version++;
        if (!this.tally) {
            this.tally = new TallyModel();
            this.tally.reset(this.base.repetition);
        }
        this.tally.add(e);
        // The start-up phase ends with the first task, as far as the buckets tell.
        if (this.tally.firstStart !== null && this.base.firstStart === null) this.base.firstStart = this.tally.firstStart;
        // The clock of a running repetition moves on from its latest bucket, as it does from its latest task event.
        if (e.time > this.base.lastTime && e.repetition === this.base.repetition) {
            this.base.lastTime = e.time;
            this.base.lastArrival = this.base.now();
        }
    }

    /** Draws a window of tasks (wire events of one repetition, times from the window's start) instead of the counts. */
    showWindow(events) {
        const model = new TimelineModel({ mainPid: this.base.mainPid });
        for (const e of events) model.ingest(e);
        this.setWindow({ model });
    }

    /** Back to the counts. */
    clearWindow() {
        this.setWindow(null);
    }

    setWindow(window) {
        const mode = this.layout.mode;
        this.window = window;
        this.layout = new TimelineLayout(this.model);
        this.layout.setMode(mode);
        this.hover = null;
        if (this.table) {
            this.table.model = this.model;
            this.table.invalidate();
        }
        this.requestDraw();
    }

    /** Fixes the x axis to [0, seconds] (same time scale across timelines); null = automatic. */
    setScaleMax(seconds) {
        const value = seconds > 0 ? seconds : null;
        if (value === this.fixedDomain) return;
        this.fixedDomain = value;
        this.requestDraw();
    }

    /** 'thread': a row per thread (tasks packed into it); 'task': a row per task, its thread changes marked. */
    setLaneMode(mode) {
        if (!this.layout.setMode(mode)) return;
        this.interaction?.keepInView();
        this.table?.invalidate();
        this.requestDraw();
    }

    /** The run ended (state: "cancelled", "failed", ...) without this repetition completing. */
    stop(runState) {
        this.base.stop(runState);
        this.requestDraw();
    }

    requestDraw() {
        schedule(this.owner ?? this);
    }

    extent() {
        return this.base.extent();
    }

    /** Where a task's bar was last drawn, in CSS pixels of the canvas (null when it has none). */
    barRect(task) {
        return this.layout.barRect(this.model.byTask.get(task));
    }

    render(colours) {
        const canvas = this.canvas;
        if (!canvas || !canvas.isConnected) return;
        colours = colours || readColours(canvas);
        if (this.aggregated) {
            this.renderDensity(canvas, colours);
            return;
        }
        const layout = this.layout;
        layout.update();
        const width = Math.max(GUTTER + 50, canvas.clientWidth || canvas.parentElement?.clientWidth || 600);
        // A window has its own axis (from its first task); the live repetition may share the run's.
        const domain = this.model.domainMax(this.window ? null : this.fixedDomain);
        layout.setScale(width, domain);
        const strip = canvas.parentElement?.querySelector('.counter-strip-plot') ?? null;
        const drawing = this.drawing(canvas, strip, colours, width, domain);
        if (this.lastDrawing && sameDrawing(this.lastDrawing, drawing)) {
            // The same picture as the last draw (a resize that kept the width, a re-bind, a frame
            // asked for by another part of the page): the canvas already shows it.
            this.table?.render();
            return false;
        }
        this.lastDrawing = drawing;
        const [drawn, rows] = this.renderer.draw(this.model, layout, colours, width, domain, this.hover, this.keyboard);
        if (strip) drawCounterStrip(strip, this.model.samples, layout.xs, layout.plotW, domain, canvas.getAttribute('data-name') || 'tasks');
        this.publish(drawn, domain, rows);
        this.table?.render();
        return true;
    }

    /** What a draw of the detailed timeline depends on; an open bar grows with the clock, so a running model never repeats. */
    drawing(canvas, strip, colours, width, domain) {
        const model = this.model;
        const layout = this.layout;
        return [canvas, strip, colours, model, model.version, model.running ? model.nowTime() : -1, width, domain,
            layout.height(), layout.mode, layout.taskScroll, this.hover, this.keyboard, canvas.getAttribute('data-startup'), window.devicePixelRatio];
    }

    renderDensity(canvas, colours) {
        const width = Math.max(GUTTER + 50, canvas.clientWidth || canvas.parentElement?.clientWidth || 600);
        const base = this.base;
        const domain = base.domainMax(this.fixedDomain);
        const drawn = drawDensity(canvas, this.renderer.ctx, this.tally, colours, width, domain, base.running ? base.nowTime() : 0);
        const plotW = Math.max(10, width - GUTTER - RIGHT_PAD);
        const name = canvas.getAttribute('data-name') || 'tasks';
        const strip = canvas.parentElement?.querySelector('.counter-strip-plot');
        if (strip) drawCounterStrip(strip, base.samples, plotW / domain, plotW, domain, name);
        const t = this.tally;
        setAttr(canvas, 'data-aggregated', 'true');
        setAttr(canvas, 'data-bars', 0);
        setAttr(canvas, 'data-buckets', drawn);
        setAttr(canvas, 'data-bucket-ms', Math.round(t.width * 1000));
        setAttr(canvas, 'data-tally-started', t.started);
        setAttr(canvas, 'data-tally-ok', t.ok);
        setAttr(canvas, 'data-tally-failed', t.failed);
        setAttr(canvas, 'data-tally-cancelled', t.cancelled);
        setAttr(canvas, 'data-repetition', base.repetition);
        setAttr(canvas, 'data-state', base.state());
        setAttr(canvas, 'data-domain', domain.toFixed(4));
        publishStartup(canvas, startupSegment(base, canvas.getAttribute('data-startup')));
        setAttr(canvas, 'aria-label', densityLabel(name, t, base.running));
    }

    /** What browser tests and screen readers read: counts and state of the last draw, on the canvas element. */
    publish(drawn, domain, rowsDrawn) {
        const canvas = this.canvas;
        const model = this.model;
        const byTask = this.layout.mode === 'task';
        setAttr(canvas, 'data-aggregated', this.window ? 'window' : 'false');
        setAttr(canvas, 'data-bars', drawn);
        setAttr(canvas, 'data-lanes', model.laneOrder.length);
        setAttr(canvas, 'data-rows', byTask ? model.bars.length : model.subrowCount());
        setAttr(canvas, 'data-lane-mode', this.layout.mode);
        setAttr(canvas, 'data-rows-drawn', rowsDrawn);
        setAttr(canvas, 'data-hopped', model.hopped);
        setAttr(canvas, 'data-repetition', model.repetition);
        setAttr(canvas, 'data-state', model.state());
        setAttr(canvas, 'data-domain', domain.toFixed(4));
        publishStartup(canvas, startupSegment(model, canvas.getAttribute('data-startup')));
        const name = canvas.getAttribute('data-name') || 'tasks';
        const tasks = `${model.bars.length} task${model.bars.length === 1 ? '' : 's'}`;
        const lanes = model.laneOrder.length;
        setAttr(canvas, 'aria-label', byTask
            ? `Task timeline of ${name}, lanes by task: ${tasks}, ${model.hopped} of them resumed on another thread (⇄ and an underline mark them). Arrow keys walk the tasks.`
            : `Task timeline of ${name}: ${tasks} in ${lanes} lane${lanes === 1 ? '' : 's'}. Arrow keys walk the tasks.`);
    }
}

function sameDrawing(a, b) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
        if (a[i] !== b[i]) return false;
    }
    return true;
}
