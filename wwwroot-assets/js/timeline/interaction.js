// A timeline for the mouse and the keyboard: hover shows a task's detail, the wheel scrolls lanes
// by task, the arrow keys walk the tasks (detail in the tooltip and said in a polite live region).

import { TASK_ROW_H } from './layout.js';
import { nearestInLane } from './layout.js';
import { describe } from './text.js';

export class TimelineInteraction {
    /** timeline: its canvas, model, layout, hover, keyboard and requestDraw(). */
    constructor(timeline) {
        this.timeline = timeline;
        const canvas = timeline.canvas;
        this.canvas = canvas;
        this.tooltip = null;
        this.live = null;
        this.handlers = {
            mousemove: (e) => this.pointerMoved(e),
            mouseleave: () => this.pointerLeft(),
            keydown: (e) => this.keyPressed(e),
            blur: () => this.focusLeft(),
            wheel: (e) => this.wheeled(e),
        };
        for (const [name, handler] of Object.entries(this.handlers)) {
            canvas.addEventListener(name, handler, name === 'wheel' ? { passive: false } : undefined);
        }
        if (!canvas.hasAttribute('tabindex')) canvas.tabIndex = 0;
    }

    dispose() {
        for (const [name, handler] of Object.entries(this.handlers)) this.canvas.removeEventListener(name, handler);
        this.tooltip?.remove();
        this.tooltip = null;
        this.live?.remove();
        this.live = null;
    }

    pointerMoved(e) {
        const t = this.timeline;
        t.keyboard = false;
        const rect = this.canvas.getBoundingClientRect();
        const bar = t.layout.hitTest(e.clientX - rect.left, e.clientY - rect.top);
        if (bar !== t.hover) {
            t.hover = bar;
            t.requestDraw();
        }
        if (!bar) {
            if (this.tooltip) this.tooltip.hidden = true;
            return;
        }
        const tip = this.ensureTooltip();
        tip.textContent = describe(bar, t.model.nowTime());
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
        if (this.timeline.hover) {
            this.timeline.hover = null;
            this.timeline.requestDraw();
        }
    }

    wheeled(e) {
        const layout = this.timeline.layout;
        if (layout.mode !== 'task') return;
        const unit = e.deltaMode === 1 ? TASK_ROW_H : e.deltaMode === 2 ? layout.plotHeight : 1;
        // At either end the page scrolls on, as it would over any other element.
        if (!layout.scrollBy(e.deltaY * unit)) return;
        e.preventDefault();
        this.timeline.requestDraw();
    }

    /** Left/Right: previous/next task in start order; Up/Down: the nearest task of the lane above/below; Home/End; Escape. */
    keyPressed(e) {
        const t = this.timeline;
        const bars = t.model.bars;
        if (bars.length === 0) return;
        const layout = t.layout;
        const current = t.keyboard && t.hover ? t.hover : null;
        const clamp = (i) => bars[Math.max(0, Math.min(bars.length - 1, i))];
        let next = null;
        switch (e.key) {
            case 'ArrowRight':
                next = current ? clamp(current.index + 1) : bars[0];
                break;
            case 'ArrowLeft':
                next = current ? clamp(current.index - 1) : bars[0];
                break;
            case 'ArrowDown':
            case 'ArrowUp': {
                const delta = e.key === 'ArrowDown' ? 1 : -1;
                if (!current) { next = bars[0]; break; }
                // Lanes by task: a row per task, in start order, so up and down are the previous and next task.
                if (layout.mode === 'task') { next = clamp(current.index + delta); break; }
                layout.update();
                const lanes = t.model.laneOrder;
                const at = lanes.indexOf(current.lane) + delta;
                next = at >= 0 && at < lanes.length ? nearestInLane(lanes[at], current.start) ?? current : current;
                break;
            }
            case 'PageDown':
            case 'PageUp': {
                if (layout.mode !== 'task') return;
                layout.update();
                const page = Math.max(1, Math.floor(layout.plotHeight / TASK_ROW_H) - 1);
                const from = current ? current.index : layout.taskWindow()[0];
                next = clamp(from + (e.key === 'PageDown' ? page : -page));
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
        const t = this.timeline;
        t.keyboard = true;
        t.hover = bar;
        t.layout.scrollToRow(bar.index);
        t.requestDraw();
        const text = describe(bar, t.model.nowTime());
        const tip = this.ensureTooltip();
        tip.textContent = text;
        tip.hidden = false;
        const rect = t.layout.barRect(bar);
        if (rect) {
            const left = Math.min(rect.x, Math.max(0, this.canvas.clientWidth - tip.offsetWidth));
            tip.style.left = `${this.canvas.offsetLeft + left}px`;
            tip.style.top = `${this.canvas.offsetTop + rect.y + rect.height + 6}px`;
        }
        this.ensureLive().textContent = `${text.replace(/\n/g, '. ')}. ${bar.index + 1} of ${t.model.bars.length}.`;
        this.canvas.setAttribute('data-selected-task', bar.task);
    }

    focusLeft() {
        const t = this.timeline;
        if (!t.keyboard) return;
        t.keyboard = false;
        t.hover = null;
        if (this.tooltip) this.tooltip.hidden = true;
        this.canvas.removeAttribute('data-selected-task');
        t.requestDraw();
    }

    /** The hovered task's row after a switch of lanes, kept in view. */
    keepInView() {
        const hover = this.timeline.hover;
        if (hover) this.timeline.layout.scrollToRow(hover.index);
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
