// The same spans as a table (task, lane, threads, start, end, duration, status, where the time went) in a
// ".tl-table-host" beside the canvas, virtualised: only the rows in view (plus a margin) are in the
// DOM, so 10,000 tasks cost a few dozen rows.

import { STATUS_RUNNING, STATUS_NAMES } from './model.js';
import { formatSeconds } from './scale.js';
import { escapeHtml, splitText, threadsText } from './text.js';

const ROW_H = 28;      // px per row (fixed: dashboard.css .tl-table td height)
const OVERSCAN = 10;   // rows rendered above and below the visible ones

export class SpanTable {
    constructor(host, model, name) {
        this.host = host;
        this.model = model;
        this.name = name;
        this.scroll = null;
        this.rendered = null;
    }

    /** The data or the window changed in a way the key below does not see (lanes switched, tables shown). */
    invalidate() {
        this.rendered = null;
    }

    dispose() {
        this.scroll?.remove();
        this.scroll = null;
    }

    render() {
        const host = this.host;
        if (!host || host.hidden || !host.isConnected) return;
        if (!this.scroll) {
            const scroll = document.createElement('div');
            scroll.className = 'tl-table-scroll';
            scroll.tabIndex = 0;
            scroll.setAttribute('role', 'region');
            scroll.setAttribute('aria-label', `Tasks of ${this.name}, table`);
            scroll.innerHTML = '<table class="tl-table"><thead><tr aria-rowindex="1"><th scope="col">Task</th><th scope="col">Lane</th>'
                + '<th scope="col">Threads</th><th scope="col" class="num">Start</th><th scope="col" class="num">End</th><th scope="col" class="num">Duration</th><th scope="col">Status</th><th scope="col">Time went</th></tr></thead><tbody></tbody></table>';
            scroll.addEventListener('scroll', () => this.render(), { passive: true });
            host.appendChild(scroll);
            this.scroll = scroll;
            this.rendered = null;
        }
        const scroll = this.scroll;
        const table = scroll.firstChild;
        const bars = this.model.bars;
        const running = this.model.running;
        const nowT = this.model.nowTime();
        const viewH = scroll.clientHeight || 360;
        const first = Math.max(0, Math.floor(scroll.scrollTop / ROW_H) - OVERSCAN);
        const last = Math.min(bars.length, Math.ceil((scroll.scrollTop + viewH) / ROW_H) + OVERSCAN);
        // Finished spans never change: skip the DOM work when the window and the data are as drawn.
        const key = `${first}:${last}:${bars.length}:${running ? nowT : 'done'}`;
        if (this.rendered === key) return;
        this.rendered = key;
        table.setAttribute('aria-rowcount', bars.length + 1);
        scroll.setAttribute('data-rows', bars.length);
        const rows = [`<tr class="tl-spacer" aria-hidden="true" style="height:${first * ROW_H}px"></tr>`];
        for (let i = first; i < last; i++) {
            const bar = bars[i];
            const open = bar.status === STATUS_RUNNING;
            const end = open ? nowT : bar.end;
            rows.push(`<tr aria-rowindex="${i + 2}" data-task="${bar.task}"><td>#${bar.task}</td><td>${escapeHtml(bar.lane.label)}</td><td>${threadsText(bar)}</td>`
                + `<td class="num">${formatSeconds(bar.start)}</td><td class="num">${open ? '…' : formatSeconds(end)}</td>`
                + `<td class="num">${formatSeconds(Math.max(0, end - bar.start))}</td><td class="tl-s-${STATUS_NAMES[bar.status]}">${STATUS_NAMES[bar.status]}</td>`
                + `<td class="tl-split">${open ? '' : splitText(bar) || '–'}</td></tr>`);
        }
        rows.push(`<tr class="tl-spacer" aria-hidden="true" style="height:${(bars.length - last) * ROW_H}px"></tr>`);
        table.tBodies[0].innerHTML = rows.join('');
    }
}
