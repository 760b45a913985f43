// The time axis: nice tick steps, tick and duration labels, and the automatic domain.
// Pure functions (no DOM): the layout model, the canvas renderer and the race overview share them.

/** Times closer than this are the same instant. */
export const EPS = 1e-9;

/** A 1-2-2.5-5 step of the magnitude of raw (1 for anything not positive). */
export function niceStep(raw) {
    if (!(raw > 0)) return 1;
    const pow = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / pow;
    const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return nice * pow;
}

/**
 * A tick's label: milliseconds for steps under 0.1 s ("25 ms", so a short race and its timelines
 * read alike whatever their width), else seconds with as many decimals as the step needs.
 */
export function formatTick(value, step) {
    if (step < 0.1 - 1e-9) return `${Math.round(value * 1000)} ms`;
    let decimals = 0;
    while (decimals < 3 && Math.abs(step * 10 ** decimals - Math.round(step * 10 ** decimals)) > 1e-6) decimals++;
    return `${value.toFixed(decimals)} s`;
}

/**
 * The dashboard's one way of writing a measured time (SecondsText.cs, three significant figures):
 * "123 s", "12.3 s", "1.23 s", "0.123 s", "12.3 ms", "0.12 ms". The race overview's finish labels
 * use it, so they read as the figures beside them and in the summary table.
 */
export function secondsText(seconds) {
    const v = threeSignificant(seconds);
    if (v >= 100) return `${v.toFixed(0)} s`;
    if (v >= 10) return `${v.toFixed(1)} s`;
    if (v >= 1) return `${v.toFixed(2)} s`;
    if (v >= 0.1) return `${v.toFixed(3)} s`;
    if (v >= 0.01) return `${(v * 1000).toFixed(1)} ms`;
    return `${(v * 1000).toFixed(2)} ms`;
}

// Rounded first, half to even as .NET's Math.Round, so 0.09999 reads "0.100 s", not "100.0 ms".
function threeSignificant(seconds) {
    if (!Number.isFinite(seconds) || seconds === 0) return seconds;
    const scale = Math.pow(10, 2 - Math.floor(Math.log10(Math.abs(seconds))));
    const x = seconds * scale;
    const r = Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x);
    return r / scale;
}

/** A duration in a task's detail: "250.0 ms" under a second, else "1.250 s". */
export function formatSeconds(value) {
    if (value < 1) return `${(value * 1000).toFixed(1)} ms`;
    return `${value.toFixed(3)} s`;
}

/**
 * The x axis' right end for an extent of seconds: while running it grows in whole steps (5 % ahead)
 * so the scale does not jitter with every batch; once done it ends 2 % after the extent.
 */
export function autoDomain(extent, running) {
    if (!(extent > 0)) return 1;
    if (!running) return extent * 1.02;
    const step = niceStep(extent / 5);
    return Math.ceil((extent * 1.05) / step) * step;
}

/** The ticks of an axis [0, domain] drawn over plotWidth pixels, about one per minSpacing pixels. */
export function axisTicks(domain, plotWidth, minSpacing = 90) {
    const step = niceStep(domain / Math.max(2, Math.floor(plotWidth / minSpacing)));
    const values = [];
    for (let v = 0; v <= domain + EPS; v += step) values.push(v);
    return { step, values };
}
