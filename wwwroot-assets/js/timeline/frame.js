// One frame for everything: dirty views and timelines are drawn together on the next animation
// frame, so a burst of batches costs one draw per frame.
//
// A draw that cost D ms is followed by at least GAP x D ms without another: however many bars a
// run has, the main thread stays mostly free for the rest of the page (Blazor's render batches,
// the next events), and a small run (a draw of a millisecond or two) still draws every frame.
// D is measured to the first task after the frame, not only the draw calls: a canvas' drawing is
// rasterised when the frame is painted (in software without a GPU, on this same thread), a cost
// the calls alone leave out (with ten pages on two cores it was most of the draw).

export const dirty = new Set();
const GAP = 3;
const MAX_WAIT_MS = 1000;
let frameRequested = false;
let notBefore = 0;

export function schedule(target) {
    dirty.add(target);
    if (frameRequested) return;
    frameRequested = true;
    const wait = Math.min(MAX_WAIT_MS, notBefore - performance.now());
    if (wait > 1) setTimeout(() => requestAnimationFrame(flushFrame), wait);
    else requestAnimationFrame(flushFrame);
}

function flushFrame() {
    frameRequested = false;
    const targets = [...dirty];
    dirty.clear();
    const started = performance.now();
    let drawn = 0;
    for (const target of targets) drawn += target.render() === false ? 0 : 1;
    const ended = performance.now();
    notBefore = ended + GAP * (ended - started);
    // A frame that drew nothing (every target skipped a repeat of its last draw) paints no canvas.
    if (drawn > 0) afterPaint(() => {
        const painted = performance.now();
        notBefore = Math.max(notBefore, painted + GAP * (painted - started));
    });
}

/** Runs fn as the first task after this frame is painted (a timer queued in the frame runs after its rendering steps). */
function afterPaint(fn) {
    setTimeout(fn, 0);
}
