using System.Text.Json;
using Dashboard.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Timeline;

/// <summary>
/// The timeline module (wwwroot-assets/js/timeline.js) as served by the app at /assets, in real
/// Chromium, fed with hand-made wire events so the packing, counts, hover and scale are exact.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TimelineModuleTests(DashboardAppFixture app)
{
    private const int MainPid = 100;

    private const string Harness = """
        <!DOCTYPE html>
        <html><head><link rel="stylesheet" href="/assets/css/dashboard.css"></head>
        <body style="margin:0">
          <div class="tl-run" id="root" style="width:900px">
            <div class="tl-strategy"><canvas class="tl-canvas" data-strategy="sequential" data-test="timeline-sequential"></canvas></div>
            <div class="tl-strategy"><canvas class="tl-canvas" data-strategy="async" data-test="timeline-async"></canvas></div>
          </div>
          <script type="module">
            const m = await import('/assets/js/timeline.js');
            window.view = m.createRunView(document.getElementById('root'), { mainPid: 100, sameScale: false });
            window.harnessReady = true;
          </script>
        </body></html>
        """;

    [Fact]
    public async Task AddEvents_OverlappingTasksInOneLane_PackIntoSubRowsAndReuseFreedRows()
    {
        var page = await OpenHarnessAsync();
        var events = new List<object> { Started("async", taskCount: 7) };
        for (var i = 0; i < 5; i++)
        {
            events.Add(TaskEvent("async", i, "started", 0.01 * i, "100:1"));
        }

        for (var i = 0; i < 5; i++)
        {
            events.Add(TaskEvent("async", i, "completed", 0.5 + (0.01 * i), "100:4"));
        }

        await AddAsync(page, events);
        await WaitForAttributeAsync(page, "async", "data-bars", "5");
        Assert.Equal("1", await Attr(page, "async", "data-lanes"));
        Assert.Equal("5", await Attr(page, "async", "data-rows"));

        // Two later tasks start after every earlier one ended: they reuse the top rows.
        await AddAsync(page, [TaskEvent("async", 5, "started", 0.6, "100:1"), TaskEvent("async", 6, "started", 0.61, "100:1")]);
        await WaitForAttributeAsync(page, "async", "data-bars", "7");
        Assert.Equal("5", await Attr(page, "async", "data-rows"));
        var rows = await page.EvaluateAsync<int[]>("[5, 6].map(t => view.barRect('async', t).row)");
        Assert.Equal([0, 1], rows);
    }

    [Fact]
    public async Task AddEvents_LanesOfSeveralProcesses_MainProcessFirstThenWorkersByPid()
    {
        var page = await OpenHarnessAsync();
        await AddAsync(page,
        [
            Started("sequential", taskCount: 4),
            TaskEvent("sequential", 0, "started", 0.0, "300:1"),
            TaskEvent("sequential", 0, "completed", 0.1, "300:1"),
            TaskEvent("sequential", 1, "started", 0.0, "200:1"),
            TaskEvent("sequential", 1, "completed", 0.1, "200:1"),
            TaskEvent("sequential", 2, "started", 0.1, "100:7"),
            TaskEvent("sequential", 2, "completed", 0.2, "100:7"),
            TaskEvent("sequential", 3, "started", 0.2, "100:7"),
            TaskEvent("sequential", 3, "completed", 0.3, "100:7"),
        ]);
        await WaitForAttributeAsync(page, "sequential", "data-bars", "4");
        Assert.Equal("3", await Attr(page, "sequential", "data-lanes"));
        Assert.Equal("3", await Attr(page, "sequential", "data-rows"));

        var ys = await page.EvaluateAsync<double[]>("[2, 3, 1, 0].map(t => view.barRect('sequential', t).y)");
        Assert.Equal(ys[0], ys[1]); // back-to-back tasks of one thread share its row
        Assert.True(ys[1] < ys[2], "the main process' lane comes first");
        Assert.True(ys[2] < ys[3], "worker 200 comes before worker 300");
        await page.Locator("#root").ScreenshotAsync(new LocatorScreenshotOptions
        {
            Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "module-lanes.png"),
        });
    }

    [Fact]
    public async Task AddEvents_ManyBatchesBeforeAFrame_DrawOnceAndCountEveryBar()
    {
        var page = await OpenHarnessAsync();
        var draws = await page.EvaluateAsync<int>("""
            async () => {
              const before = view.draws;
              view.addEvents([{ type: 'strategy-started', strategy: 'async', repetition: 0, task: 0, time: 0, wallMs: Date.now(), taskCount: 10000 }]);
              for (let b = 0; b < 50; b++) {
                const batch = [];
                for (let i = b * 200; i < (b + 1) * 200; i++) {
                  batch.push({ type: 'task', strategy: 'async', repetition: 0, task: i, kind: 'started', time: i * 1e-5, wallMs: Date.now(), lane: '100:' + (1 + i % 3) });
                  batch.push({ type: 'task', strategy: 'async', repetition: 0, task: i, kind: i % 10 === 0 ? 'failed' : 'completed', time: 0.5 + i * 1e-5, wallMs: Date.now(), lane: '100:2', detail: 'task ' + i });
                }
                view.addEvents(batch);
              }
              view.addEvents([{ type: 'strategy-completed', strategy: 'async', repetition: 0, task: 0, time: 0.7, wallMs: Date.now(), wallSeconds: 0.7, outcome: 'failed' }]);
              // A slow draw before this one may push it a few frames back (frame.js): wait for it, not for two frames.
              const until = performance.now() + 30000;
              while (view.draws === before && performance.now() < until) await new Promise(r => requestAnimationFrame(r));
              await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
              return view.draws - before;
            }
            """);

        Assert.Equal(1, draws);
        Assert.Equal("10000", await Attr(page, "async", "data-bars"));
        Assert.Equal("3", await Attr(page, "async", "data-lanes"));
        Assert.Equal("done", await Attr(page, "async", "data-state"));
        await page.Locator("#root").ScreenshotAsync(new LocatorScreenshotOptions
        {
            Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "module-10000-bars.png"),
        });
    }

    [Fact]
    public async Task AddEvents_ThousandsOfThreadLanes_SqueezedIntoABoundedHeight()
    {
        var page = await OpenHarnessAsync();
        await page.EvaluateAsync("""
            () => {
              const events = [{ type: 'strategy-started', strategy: 'sequential', repetition: 0, task: -1, time: 0, wallMs: 0, taskCount: 3000 }];
              for (let i = 0; i < 3000; i++) {
                events.push({ type: 'task', strategy: 'sequential', repetition: 0, task: i, kind: 'started', time: i * 1e-4, wallMs: 0, lane: '100:' + (10 + i) });
                events.push({ type: 'task', strategy: 'sequential', repetition: 0, task: i, kind: 'completed', time: 0.5 + i * 1e-4, wallMs: 0, lane: '100:' + (10 + i) });
              }
              events.push({ type: 'strategy-completed', strategy: 'sequential', repetition: 0, task: -1, time: 0.8, wallMs: 0, wallSeconds: 0.8, outcome: 'ok' });
              view.addEvents(events);
            }
            """);
        await WaitForAttributeAsync(page, "sequential", "data-bars", "3000");
        Assert.Equal("3000", await Attr(page, "sequential", "data-lanes"));
        var box = await page.Locator("[data-test=timeline-sequential]").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Height, 100, 460);
    }

    [Fact]
    public async Task Resize_ContainerNarrower_CanvasFollowsAndKeepsItsScale()
    {
        var page = await OpenHarnessAsync();
        await AddAsync(page,
        [
            Started("sequential", taskCount: 1),
            TaskEvent("sequential", 0, "started", 0.0, "100:1"),
            TaskEvent("sequential", 0, "completed", 1.0, "100:1"),
            Completed("sequential", 1.0),
        ]);
        await WaitForAttributeAsync(page, "sequential", "data-state", "done");
        var domain = await Attr(page, "sequential", "data-domain");
        var wide = await page.EvaluateAsync<double>("view.barRect('sequential', 0).width");

        await page.EvaluateAsync("document.getElementById('root').style.width = '500px'");
        await page.WaitForFunctionAsync(
            "() => document.querySelector('[data-test=timeline-sequential]').width === Math.round(500 * devicePixelRatio)");
        var narrow = await page.EvaluateAsync<double>("view.barRect('sequential', 0).width");

        Assert.Equal(domain, await Attr(page, "sequential", "data-domain"));
        Assert.True(narrow < wide * 0.6, $"the bar shrinks with the canvas ({wide} -> {narrow})");
    }

    [Fact]
    public async Task Hover_OverABar_ShowsTheTasksDetail()
    {
        var page = await OpenHarnessAsync();
        await AddAsync(page,
        [
            Started("sequential", taskCount: 2),
            TaskEvent("sequential", 0, "started", 0.0, "100:1"),
            TaskEvent("sequential", 0, "completed", 1.0, "100:1", "Hello, Robert Paulson"),
            TaskEvent("sequential", 1, "started", 1.0, "100:1"),
            TaskEvent("sequential", 1, "failed", 1.25, "100:1", "HTTP 503 from /sim/genre"),
            Completed("sequential", 1.25), // a finished timeline's scale holds still under the mouse
        ]);
        await WaitForAttributeAsync(page, "sequential", "data-state", "done");

        var rect = await page.EvaluateAsync<JsonElement>("view.barRect('sequential', 1)");
        var box = await page.Locator("[data-test=timeline-sequential]").BoundingBoxAsync();
        Assert.NotNull(box);
        await page.Mouse.MoveAsync(
            box.X + rect.GetProperty("x").GetSingle() + (rect.GetProperty("width").GetSingle() / 2),
            box.Y + rect.GetProperty("y").GetSingle() + (rect.GetProperty("height").GetSingle() / 2));

        var tooltip = page.Locator("[data-test=timeline-tooltip]");
        await tooltip.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "module-tooltip.png"),
            Clip = new Clip { X = 0, Y = 0, Width = 900, Height = 260 },
        });
        var text = await tooltip.InnerTextAsync();
        Assert.Contains("Task #1 · failed", text, StringComparison.Ordinal);
        Assert.Contains("lane main:1", text, StringComparison.Ordinal);
        Assert.Contains("start 1.000 s · end 1.250 s", text, StringComparison.Ordinal);
        Assert.Contains("duration 250.0 ms", text, StringComparison.Ordinal);
        Assert.Contains("HTTP 503 from /sim/genre", text, StringComparison.Ordinal);

        await page.Mouse.MoveAsync(box.X + 2, box.Y + 2);
        await tooltip.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
    }

    [Fact]
    public async Task SetSameScale_TwoStrategiesOfDifferentLength_ShareOneXScaleOnlyWhileOn()
    {
        var page = await OpenHarnessAsync();
        await AddAsync(page,
        [
            Started("sequential", taskCount: 1),
            TaskEvent("sequential", 0, "started", 0.0, "100:1"),
            TaskEvent("sequential", 0, "completed", 5.0, "100:1"),
            Completed("sequential", 5.0),
            Started("async", taskCount: 1),
            TaskEvent("async", 0, "started", 0.0, "100:1"),
            TaskEvent("async", 0, "completed", 0.5, "100:1"),
            Completed("async", 0.5),
        ]);
        await WaitForAttributeAsync(page, "async", "data-state", "done");
        Assert.NotEqual(await Attr(page, "sequential", "data-domain"), await Attr(page, "async", "data-domain"));
        var asyncWidthAlone = await page.EvaluateAsync<double>("view.barRect('async', 0).width");

        await page.EvaluateAsync("view.setSameScale(true)");
        var sequentialDomain = await Attr(page, "sequential", "data-domain");
        await WaitForAttributeAsync(page, "async", "data-domain", sequentialDomain);
        var asyncWidthShared = await page.EvaluateAsync<double>("view.barRect('async', 0).width");
        var sequentialWidth = await page.EvaluateAsync<double>("view.barRect('sequential', 0).width");
        Assert.True(asyncWidthShared < asyncWidthAlone / 5, $"async's bar shrinks on the shared scale ({asyncWidthAlone} -> {asyncWidthShared})");
        Assert.Equal(10.0, sequentialWidth / asyncWidthShared, 1);

        await page.EvaluateAsync("view.setSameScale(false)");
        await page.WaitForFunctionAsync(
            "document.querySelector('[data-test=timeline-async]').getAttribute('data-domain') !== document.querySelector('[data-test=timeline-sequential]').getAttribute('data-domain')");
    }

    [Fact]
    public async Task Finish_WhileTasksRun_ClosesOpenBarsAsCancelled()
    {
        var page = await OpenHarnessAsync();
        await AddAsync(page,
        [
            Started("async", taskCount: 3),
            TaskEvent("async", 0, "started", 0.0, "100:1"),
            TaskEvent("async", 1, "started", 0.0, "100:1"),
            TaskEvent("async", 1, "completed", 0.2, "100:1"),
            TaskEvent("async", 2, "cancelled", 0.2, "100:1"),
        ]);
        await WaitForAttributeAsync(page, "async", "data-state", "running");
        Assert.Equal("2", await Attr(page, "async", "data-bars")); // task 2 never started: no bar
        Assert.Equal("running", await page.EvaluateAsync<string>("view.barRect('async', 0).status"));

        await page.EvaluateAsync("view.finish()");
        await WaitForAttributeAsync(page, "async", "data-state", "done");
        var statuses = await page.EvaluateAsync<string[]>("[0, 1].map(t => view.barRect('async', t).status)");
        Assert.Equal(["cancelled", "ok"], statuses);
    }

    [Fact]
    public async Task SetLaneMode_Task_ARowPerTaskInStartOrderWithItsThreadChangesMarked()
    {
        var page = await OpenHarnessAsync();
        await AddAsync(page,
        [
            Started("async", taskCount: 3),
            TaskEvent("async", 1, "started", 0.0, "100:1"),
            TaskEvent("async", 0, "started", 0.1, "100:1"),
            TaskEvent("async", 2, "started", 0.2, "100:2"),
            TaskEvent("async", 1, "completed", 0.6, "100:1"), // stayed on thread 1
            TaskEvent("async", 0, "completed", 0.7, "100:4"), // resumed on thread 4: seen in its end event
            TaskEvent("async", 2, "completed", 0.8, "100:2"), // back on thread 2: only the engine's record shows it left
            Completed("async", 0.8, threads: [[2, 2, 5, 2]]),
        ]);
        await WaitForAttributeAsync(page, "async", "data-state", "done");
        Assert.Equal("2", await Attr(page, "async", "data-lanes"));

        await page.EvaluateAsync("view.setLaneMode('async', 'task')");
        await WaitForAttributeAsync(page, "async", "data-lane-mode", "task");
        Assert.Equal("3", await Attr(page, "async", "data-rows"));
        Assert.Equal("2", await Attr(page, "async", "data-hopped"));
        var rects = await page.EvaluateAsync<JsonElement>("[1, 0, 2].map(t => view.barRect('async', t))");
        Assert.Equal([0, 1, 2], rects.EnumerateArray().Select(r => r.GetProperty("row").GetInt32())); // start order
        var ys = rects.EnumerateArray().Select(r => r.GetProperty("y").GetDouble()).ToList();
        Assert.True(ys[0] < ys[1] && ys[1] < ys[2], $"one row per task, top to bottom: {string.Join(", ", ys)}");
        Assert.Equal([[1], [1, 4], [2, 5, 2]], rects.EnumerateArray().Select(r => r.GetProperty("threads").EnumerateArray().Select(t => t.GetInt32()).ToArray()));

        // The engine records the order of a task's threads, not when it moved: nothing is drawn at a
        // moment inside the bar (no tick above it); a task that moved is underlined along its whole
        // bar, and its label in the gutter says how many times (⇄n), so it starts further left.
        const string Marks = """
            task => {
                const canvas = document.querySelector('[data-test=timeline-async]');
                const r = view.barRect('async', task);
                const dpr = window.devicePixelRatio || 1;
                const ctx = canvas.getContext('2d');
                const row = (y, x0, x1) => ctx.getImageData(Math.round(x0 * dpr), Math.round(y * dpr), Math.max(1, Math.round((x1 - x0) * dpr)), 1).data;
                const dark = (d, i) => d[i + 3] > 200 && d[i] + d[i + 1] + d[i + 2] < 200;
                let ticks = 0, inTick = false;
                const above = row(r.y - 2, r.x, r.x + r.width);
                for (let i = 0; i < above.length; i += 4) { const k = dark(above, i); if (k && !inTick) ticks++; inTick = k; }
                const under = row(r.y + r.height + 1, r.x + 1, r.x + r.width - 1);
                let underlined = 0;
                for (let i = 0; i < under.length; i += 4) if (dark(under, i)) underlined++;
                const gutter = row(r.y + r.height / 2, 0, 108);
                let labelLeft = -1;
                for (let i = 0; i < gutter.length; i += 4) if (gutter[i + 3] > 128) { labelLeft = i / 4 / dpr; break; }
                return { ticks, underlined: underlined / (under.length / 4), labelLeft };
            }
            """;
        var stayed = await page.EvaluateAsync<JsonElement>(Marks, 1);
        var movedOnce = await page.EvaluateAsync<JsonElement>(Marks, 0);
        var movedTwice = await page.EvaluateAsync<JsonElement>(Marks, 2);
        foreach (var marks in new[] { stayed, movedOnce, movedTwice })
        {
            Assert.Equal(0, marks.GetProperty("ticks").GetInt32());
        }

        Assert.Equal(0, stayed.GetProperty("underlined").GetDouble());
        Assert.True(movedOnce.GetProperty("underlined").GetDouble() > 0.9, $"task 0 underlined along its bar: {movedOnce}");
        Assert.True(movedTwice.GetProperty("underlined").GetDouble() > 0.9, $"task 2 underlined along its bar: {movedTwice}");
        Assert.True(movedOnce.GetProperty("labelLeft").GetDouble() < stayed.GetProperty("labelLeft").GetDouble() - 10,
            $"\"#0 ⇄1\" is wider than \"#1\": {movedOnce} vs {stayed}");
        await page.Locator("#root").ScreenshotAsync(new LocatorScreenshotOptions
        {
            Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "module-lanes-by-task.png"),
        });

        await page.EvaluateAsync("view.setLaneMode('async', 'thread')");
        await WaitForAttributeAsync(page, "async", "data-lane-mode", "thread");
        Assert.Equal("2", await Attr(page, "async", "data-lanes"));
        Assert.Equal("3", await Attr(page, "async", "data-bars"));
    }

    private async Task<IPage> OpenHarnessAsync()
    {
        var page = await app.NewPageAsync();
        // Any page of the app's origin will do: the harness imports the module from /assets like the app does.
        await page.GotoAsync("/assets/css/dashboard.css");
        await page.SetContentAsync(Harness);
        await page.WaitForFunctionAsync("window.harnessReady === true");
        return page;
    }

    private static Task AddAsync(IPage page, IEnumerable<object> events) =>
        page.EvaluateAsync("events => view.addEvents(events)", events.ToArray());

    private static Task<string?> Attr(IPage page, string strategy, string name) =>
        page.Locator($"[data-test=timeline-{strategy}]").GetAttributeAsync(name);

    private static Task WaitForAttributeAsync(IPage page, string strategy, string name, string? value) =>
        page.WaitForFunctionAsync(
            "([selector, name, value]) => document.querySelector(selector)?.getAttribute(name) === value",
            new object?[] { $"[data-test=timeline-{strategy}]", name, value });

    private static object Started(string strategy, int taskCount) => new Dictionary<string, object?>
    {
        ["type"] = "strategy-started", ["strategy"] = strategy, ["repetition"] = 0, ["task"] = 0,
        ["time"] = 0.0, ["wallMs"] = 0.0, ["taskCount"] = taskCount,
    };

    private static object Completed(string strategy, double wallSeconds, int[][]? threads = null) => new Dictionary<string, object?>
    {
        ["type"] = "strategy-completed", ["strategy"] = strategy, ["repetition"] = 0, ["task"] = 0,
        ["time"] = wallSeconds, ["wallMs"] = 0.0, ["wallSeconds"] = wallSeconds, ["outcome"] = "ok", ["threads"] = threads,
    };

    private static object TaskEvent(string strategy, int task, string kind, double time, string lane, string? detail = null) =>
        new Dictionary<string, object?>
        {
            ["type"] = "task", ["strategy"] = strategy, ["repetition"] = 0, ["task"] = task, ["kind"] = kind,
            ["time"] = time, ["wallMs"] = 0.0, ["lane"] = lane, ["detail"] = detail,
        };
}
