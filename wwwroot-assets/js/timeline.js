// Concurrency Dashboard — the live task timelines of a run and its race overview.
//
// The entry point Blazor imports (RunTimeline.razor.cs). One timeline per strategy repetition, on a
// canvas: x = seconds since the repetition started; one row per lane ("pid:tid"), grouped by
// process (or lab node), or one row per task (setLaneMode); one bar per task, coloured by state.
// Events arrive in batches (addRows/addEvents); a batch only updates the models and asks for ONE
// redraw on the next animation frame, so thousands of events per second cost one draw per frame.
//
// The modules under timeline/ have one job each: model.js (the data folded from events),
// packing.js and layout.js (sub-rows, lanes, the x scale, hit tests), scale.js (ticks and
// domains), renderer.js (the canvas), counter-strip.js (the counter plot under a canvas, which it
// owns, size included), interaction.js (mouse, keyboard, announcements), table.js (the span table),
// flight.js and race.js (the race overview), wire.js (the packed rows).
//
// Public API:
//   createRunView(root, { mainPid, sameScale, raceId })  -> RunView  (one per run, many strategies)
//   new Timeline(canvas, { mainPid })                    -> Timeline (one canvas, usable on its own)

import { TimelineModel } from './timeline/model.js';
import { TimelineLayout, GUTTER } from './timeline/layout.js';
import { TimelineRenderer, readColours, setAttr } from './timeline/renderer.js';
import { TimelineInteraction } from './timeline/interaction.js';
import { SpanTable } from './timeline/table.js';
import { drawCounterStrip } from './timeline/counter-strip.js';
import { RaceOverview, sharedDomain } from './timeline/race.js';
import { decodeRows } from './timeline/wire.js';
import { startupSegment, publishStartup } from './timeline/phases.js';

export { decodeRows };

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
    for (const target of targets) target.render();
}

// ---------------------------------------------------------------------------------------------

/** One strategy repetition's timeline on one canvas. */
export class Timeline {
    constructor(canvas, options = {}) {
        this.model = new TimelineModel({ mainPid: options.mainPid ?? null });
        this.layout = new TimelineLayout(this.model);
        this.owner = options.owner ?? null;
        this.fixedDomain = null;
        this.hover = null;
        this.keyboard = false;
        this.canvas = null;
        if (canvas) this.bind(canvas);
    }

    get running() {
        return this.model.running;
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
        }
        this.model.ingest(e);
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
        this.model.stop(runState);
        this.requestDraw();
    }

    requestDraw() {
        schedule(this.owner ?? this);
    }

    extent() {
        return this.model.extent();
    }

    /** Where a task's bar was last drawn, in CSS pixels of the canvas (null when it has none). */
    barRect(task) {
        return this.layout.barRect(this.model.byTask.get(task));
    }

    render(colours) {
        const canvas = this.canvas;
        if (!canvas || !canvas.isConnected) return;
        colours = colours || readColours(canvas);
        const layout = this.layout;
        layout.update();
        const width = Math.max(GUTTER + 50, canvas.clientWidth || canvas.parentElement?.clientWidth || 600);
        const domain = this.model.domainMax(this.fixedDomain);
        layout.setScale(width, domain);
        const [drawn, rows] = this.renderer.draw(this.model, layout, colours, width, domain, this.hover, this.keyboard);
        const strip = canvas.parentElement?.querySelector('.counter-strip-plot');
        if (strip) drawCounterStrip(strip, this.model.samples, layout.xs, layout.plotW, domain, canvas.getAttribute('data-name') || 'tasks');
        this.publish(drawn, domain, rows);
        this.table?.render();
    }

    /** What browser tests and screen readers read: counts and state of the last draw, on the canvas element. */
    publish(drawn, domain, rowsDrawn) {
        const canvas = this.canvas;
        const model = this.model;
        const byTask = this.layout.mode === 'task';
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

// ---------------------------------------------------------------------------------------------

/**
 * All the strategies of one run, and its race overview. Canvases are found inside root by
 * data-strategy (race rows inside the element with id raceId by data-race); events for a strategy
 * whose canvas is not rendered yet are kept and drawn once it appears (refresh()).
 */
export class RunView {
    constructor(root, options = {}) {
        this.root = root;
        this.mainPid = options.mainPid ?? null;
        this.sameScale = !!options.sameScale;
        this.timelines = new Map();
        this.race = options.raceId ? new RaceOverview(document.getElementById(options.raceId)) : null;
        this.themeKey = themeKey(root);
        this.draws = 0;            // frames drawn: tests check that a batch costs one frame
        this.resizeObserver = new ResizeObserver(() => schedule(this));
        this.resizeObserver.observe(root);
        if (this.race?.root) this.resizeObserver.observe(this.race.root);
        // A counter strip's plot host or a race row that Blazor just rendered is drawn before the
        // browser paints it.
        this.mutationObserver = new MutationObserver((records) => {
            if (records.some(isNewHost)) this.refresh();
        });
        this.mutationObserver.observe(root, { subtree: true, childList: true });
        if (this.race?.root) this.mutationObserver.observe(this.race.root, { subtree: true, childList: true });
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
        this.race?.refresh();
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
        for (const e of events) this.timeline(e.strategy).ingest(e);
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
        for (const t of this.timelines.values()) t.table?.invalidate();
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
        const models = new Map([...this.timelines].map(([strategy, t]) => [strategy, t.model]));
        // One shared domain: the race overview always uses it, the timelines on the same time scale.
        const shared = sharedDomain(models.values());
        if (this.sameScale) {
            for (const t of this.timelines.values()) t.fixedDomain = shared;
        }
        const metrics = window.__timelineMetrics;
        const t0 = metrics ? performance.now() : 0;
        const colours = readColours(this.root);
        for (const t of this.timelines.values()) t.render(colours);
        if (this.race) {
            const names = new Map([...this.timelines].map(([strategy, t]) => [strategy, t.canvas?.getAttribute('data-name') || strategy]));
            this.race.render(models, names, this.race.root ? readColours(this.race.root) : colours, shared);
        }
        this.draws++;
        if (metrics) metrics.maxDrawMs = Math.max(metrics.maxDrawMs || 0, performance.now() - t0);
    }

    dispose() {
        clearInterval(this.ticker);
        this.resizeObserver.disconnect();
        this.mutationObserver.disconnect();
        for (const t of this.timelines.values()) t.dispose();
        this.timelines.clear();
        dirty.delete(this);
    }
}

function isNewHost(record) {
    for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.matches('.counter-strip-plot, canvas[data-race], canvas[data-race-axis], canvas[data-strategy]')
            || node.querySelector('.counter-strip-plot, canvas[data-race], canvas[data-race-axis]')) return true;
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
