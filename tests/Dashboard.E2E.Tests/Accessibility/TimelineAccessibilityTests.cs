using System.Globalization;
using System.Text.Json;
using Dashboard.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Accessibility;

/// <summary>
/// The timeline module for people who do not see the colours or do not use a mouse: failed bars
/// are hatched and cancelled bars end in a mark, the canvas is walked with the arrow keys (and
/// says what it shows), and the span table stays small in the DOM with 10,000 tasks.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TimelineAccessibilityTests(DashboardAppFixture app)
{
    private const int Tasks = 10_000;

    private const string Harness = """
        <!DOCTYPE html>
        <html lang="en"><head><title>timeline</title><link rel="stylesheet" href="/assets/css/dashboard.css"></head>
        <body style="margin:0">
          <div class="tl-run" id="root" style="width:900px">
            <div class="tl-strategy">
              <canvas class="tl-canvas" data-strategy="threads" data-name="threads" data-test="timeline-threads"></canvas>
              <div class="tl-table-host" data-test="timeline-table-threads"></div>
            </div>
          </div>
          <script type="module">
            const m = await import('/assets/js/timeline.js');
            window.view = m.createRunView(document.getElementById('root'), { mainPid: 100, sameScale: false });
            window.harnessReady = true;
          </script>
        </body></html>
        """;

    [Fact]
    public async Task FailedAndCancelledBars_DifferByShape_NotColourAlone()
    {
        var page = await OpenHarnessAsync();
        // Three long tasks on three lanes: ok, failed, cancelled.
        await AddAsync(page, [
            Started(3),
            Span(0, "started", 0, "100:1"), Span(1, "started", 0, "100:2"), Span(2, "started", 0, "100:3"),
            Span(0, "completed", 1, "100:1"), Span(1, "failed", 1, "100:2"), Span(2, "cancelled", 1, "100:3"),
        ]);
        await page.WaitForFunctionAsync("() => document.querySelector('[data-test=timeline-threads]').getAttribute('data-bars') === '3'");

        // Distinct colours along the middle line of each bar (the end excluded for ok and failed).
        const string Colours = """
            ([task, from, to]) => {
                const canvas = document.querySelector('[data-test=timeline-threads]');
                const r = view.barRect('threads', task);
                const dpr = window.devicePixelRatio || 1;
                const ctx = canvas.getContext('2d');
                const seen = new Set();
                for (let x = r.x + r.width * from; x < r.x + r.width * to; x += 1) {
                    for (let dy = 1; dy < r.height - 1; dy += 1) {
                        const d = ctx.getImageData(Math.round(x * dpr), Math.round((r.y + dy) * dpr), 1, 1).data;
                        seen.add(`${d[0]},${d[1]},${d[2]}`);
                    }
                }
                return seen.size;
            }
            """;
        var ok = await page.EvaluateAsync<int>(Colours, new object[] { 0, 0.2, 0.8 });
        var failed = await page.EvaluateAsync<int>(Colours, new object[] { 1, 0.2, 0.8 });
        var cancelledBody = await page.EvaluateAsync<int>(Colours, new object[] { 2, 0.2, 0.8 });
        var cancelledEnd = await page.EvaluateAsync<int>(Colours, new object[] { 2, 0.2, 1.0 });
        Assert.True(ok <= 2, $"an ok bar is one flat colour ({ok} seen)");
        Assert.True(failed >= 2 && failed > ok, $"a failed bar is hatched: two colours or more ({failed} seen, ok bar {ok})");
        Assert.True(cancelledEnd > cancelledBody, $"a cancelled bar ends in a mark ({cancelledBody} colours in its body, {cancelledEnd} with its end)");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Canvas_ArrowKeys_WalkTheTasksAndAnnounceThem()
    {
        var page = await OpenHarnessAsync();
        await AddAsync(page, [
            Started(3),
            Span(0, "started", 0.0, "100:1"), Span(0, "completed", 0.2, "100:1"),
            Span(1, "started", 0.1, "100:2"), Span(1, "failed", 0.3, "100:2"),
            Span(2, "started", 0.25, "100:1"), Span(2, "completed", 0.5, "100:1"),
        ]);
        var canvas = page.Locator("[data-test=timeline-threads]");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-test=timeline-threads]').getAttribute('data-bars') === '3'");
        Assert.Equal("0", await canvas.GetAttributeAsync("tabindex"));
        Assert.Contains("3 tasks in 2 lanes", await canvas.GetAttributeAsync("aria-label"), StringComparison.Ordinal);

        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.getAttribute('data-test') === 'timeline-threads'"));

        var live = page.Locator("[data-test=timeline-live]");
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("0", await canvas.GetAttributeAsync("data-selected-task"));
        Assert.Contains("Task #0 · ok", await live.TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("[data-test=timeline-tooltip]").IsVisibleAsync());

        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("1", await canvas.GetAttributeAsync("data-selected-task"));
        var text = await live.TextContentAsync();
        Assert.Contains("Task #1 · failed", text, StringComparison.Ordinal);
        Assert.Contains("2 of 3", text, StringComparison.Ordinal);

        // Up: back to the first lane, to its task starting nearest 0.1 s (task 0 at 0 s).
        await page.Keyboard.PressAsync("ArrowUp");
        Assert.Equal("0", await canvas.GetAttributeAsync("data-selected-task"));
        await page.Keyboard.PressAsync("End");
        Assert.Equal("2", await canvas.GetAttributeAsync("data-selected-task"));
        Assert.Contains("duration 250.0 ms", await live.TextContentAsync(), StringComparison.Ordinal);

        await page.Keyboard.PressAsync("Escape");
        Assert.Null(await canvas.GetAttributeAsync("data-selected-task"));
        Assert.False(await page.Locator("[data-test=timeline-tooltip]").IsVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LanesByTask_10000Tasks_DrawsOnlyTheRowsInViewAndTheKeysScrollThem()
    {
        var page = await OpenHarnessAsync();
        var events = new List<object> { Started(Tasks) };
        for (var i = 0; i < Tasks; i++)
        {
            events.Add(Span(i, "started", i * 0.001, $"100:{1 + (i % 8)}"));
            events.Add(Span(i, "completed", (i * 0.001) + 0.004, $"100:{1 + ((i + 1) % 8)}")); // every task resumed elsewhere
        }

        await AddAsync(page, events);
        await page.EvaluateAsync("() => view.setLaneMode('threads', 'task')");
        var canvas = page.Locator("[data-test=timeline-threads]");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-test=timeline-threads]').getAttribute('data-lane-mode') === 'task'");

        Assert.Equal(Tasks.ToString(CultureInfo.InvariantCulture), await canvas.GetAttributeAsync("data-rows"));
        Assert.Equal(Tasks.ToString(CultureInfo.InvariantCulture), await canvas.GetAttributeAsync("data-hopped"));
        var drawn = int.Parse((await canvas.GetAttributeAsync("data-rows-drawn"))!, CultureInfo.InvariantCulture);
        Assert.InRange(drawn, 10, 40); // a canvas of bounded height: the rows in view, not 10,000
        Assert.Contains("lanes by task: 10000 tasks, 10000 of them resumed on another thread", await canvas.GetAttributeAsync("aria-label"), StringComparison.Ordinal);

        // Keyboard: the canvas is focused with Tab; End selects the last task and scrolls it into view.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("End");
        Assert.Equal("9999", await canvas.GetAttributeAsync("data-selected-task"));
        var last = await page.EvaluateAsync<JsonElement>("() => view.barRect('threads', 9999)");
        var height = await canvas.EvaluateAsync<double>("c => c.clientHeight");
        Assert.InRange(last.GetProperty("y").GetDouble(), 0, height);
        Assert.Equal([8, 1], last.GetProperty("threads").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Contains("threads 8 → 1", await page.Locator("[data-test=timeline-live]").TextContentAsync(), StringComparison.Ordinal);

        // Page Up moves a screenful back; Home returns to the top, where task 0 is drawn again.
        await page.Keyboard.PressAsync("PageUp");
        var afterPageUp = int.Parse((await canvas.GetAttributeAsync("data-selected-task"))!, CultureInfo.InvariantCulture);
        Assert.InRange(afterPageUp, 9_999 - drawn, 9_998);
        await page.Keyboard.PressAsync("Home");
        Assert.Equal("0", await canvas.GetAttributeAsync("data-selected-task"));
        Assert.InRange(await page.EvaluateAsync<double>("() => view.barRect('threads', 0).y"), 0, height);
        Assert.InRange(int.Parse((await canvas.GetAttributeAsync("data-rows-drawn"))!, CultureInfo.InvariantCulture), 10, 40);

        // The wheel scrolls the rows (and only the rows) while there are more below.
        await canvas.HoverAsync(new() { Position = new() { X = 300, Y = 100 } });
        await page.Mouse.WheelAsync(0, 800);
        await page.WaitForFunctionAsync("() => view.barRect('threads', 0).y < 0");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Table_10000Tasks_VirtualisedRowsWithEveryStatus()
    {
        var page = await OpenHarnessAsync();
        var events = new List<object> { Started(Tasks) };
        for (var i = 0; i < Tasks; i++)
        {
            var lane = $"100:{1 + (i % 8)}";
            var kind = (i % 10) switch { 3 => "failed", 7 => "cancelled", _ => "completed" };
            events.Add(Span(i, "started", i * 0.001, lane));
            events.Add(Span(i, kind, (i * 0.001) + 0.004, lane));
        }

        await AddAsync(page, events);
        await page.EvaluateAsync("() => view.setTables(true)");
        var scroll = page.Locator("[data-test=timeline-table-threads] .tl-table-scroll");
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-test=timeline-table-threads] .tl-table-scroll')?.getAttribute('data-rows') === '{Tasks}'");

        Assert.Equal((Tasks + 1).ToString(CultureInfo.InvariantCulture), await page.Locator(".tl-table").GetAttributeAsync("aria-rowcount"));
        Assert.Equal(["Task", "Lane", "Threads", "Start", "End", "Duration", "Status", "Time went"], await page.Locator(".tl-table thead th").AllTextContentsAsync());
        var rendered = await page.Locator(".tl-table tbody tr[data-task]").CountAsync();
        Assert.InRange(rendered, 10, 100);
        var first = await page.Locator(".tl-table tbody tr[data-task]").First.Locator("td").AllTextContentsAsync();
        Assert.Equal(["#0", "main:1", "1", "0.0 ms", "4.0 ms", "4.0 ms", "ok", "–"], first); // no split recorded: a dash
        Assert.Equal("failed", await page.Locator(".tl-table tbody tr[data-task='3'] td:nth-child(7)").TextContentAsync());
        Assert.Equal("cancelled", await page.Locator(".tl-table tbody tr[data-task='7'] td:nth-child(7)").TextContentAsync());

        // Scrolled to the end: the last tasks are rendered, the first are not; the DOM stays small.
        await scroll.EvaluateAsync("el => { el.scrollTop = el.scrollHeight; el.dispatchEvent(new Event('scroll')); }");
        await page.Locator(".tl-table tbody tr[data-task='9999']").WaitForAsync();
        Assert.Equal(0, await page.Locator(".tl-table tbody tr[data-task='0']").CountAsync());
        Assert.InRange(await page.Locator(".tl-table tbody tr[data-task]").CountAsync(), 10, 100);
        await page.Context.CloseAsync();
    }

    private async Task<IPage> OpenHarnessAsync()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/assets/css/dashboard.css");
        await page.SetContentAsync(Harness);
        await page.WaitForFunctionAsync("window.harnessReady === true");
        return page;
    }

    private static Task AddAsync(IPage page, IEnumerable<object> events) =>
        page.EvaluateAsync("events => view.addEvents(events)", events.ToArray());

    private static object Started(int taskCount) => new Dictionary<string, object?>
    {
        ["type"] = "strategy-started", ["strategy"] = "threads", ["repetition"] = 0, ["task"] = 0,
        ["time"] = 0.0, ["wallMs"] = 0.0, ["taskCount"] = taskCount,
    };

    private static object Span(int task, string kind, double time, string lane) => new Dictionary<string, object?>
    {
        ["type"] = "task", ["strategy"] = "threads", ["repetition"] = 0, ["task"] = task, ["kind"] = kind,
        ["time"] = time, ["wallMs"] = 0.0, ["lane"] = lane, ["detail"] = null,
    };
}
