using System.Text.Json;
using Dashboard.Web.Telemetry;
using Dashboard.Web.Tests.Exports;

namespace Dashboard.Web.Tests.Telemetry;

public sealed class OtlpJsonTraceTests
{
    [Fact]
    public void ToUtf8Bytes_MixedRun_OneTraceWithRunRepetitionAndTaskSpans()
    {
        var run = ExportTestRuns.Mixed();

        var spans = OtlpJsonReader.Spans(OtlpJsonTrace.ToUtf8Bytes(run));

        var taskCount = run.Results.Sum(r => r.Spans.Count);
        Assert.Equal(1 + run.Results.Count + taskCount, spans.Count);
        Assert.Single(spans.Select(s => s.TraceId).Distinct());
        Assert.All(spans, s => Assert.Matches("^[0-9a-f]{32}$", s.TraceId));
        Assert.All(spans, s => Assert.Matches("^[0-9a-f]{16}$", s.SpanId));
        Assert.Equal(spans.Count, spans.Select(s => s.SpanId).Distinct().Count());

        var root = Assert.Single(spans, s => s.ParentSpanId is null);
        Assert.Equal("7", root.Attributes[DashboardTelemetry.RunIdAttribute]);
        Assert.Equal("completed", root.Attributes[DashboardTelemetry.StateAttribute]);
        var repetitions = spans.Where(s => s.ParentSpanId == root.SpanId).ToList();
        Assert.Equal(run.Results.Count, repetitions.Count);
        var byId = spans.ToDictionary(s => s.SpanId);
        var tasks = spans.Where(s => s.ParentSpanId is { } parent && parent != root.SpanId).ToList();
        Assert.Equal(taskCount, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(root.SpanId, byId[t.ParentSpanId!].ParentSpanId));
    }

    [Fact]
    public void ToUtf8Bytes_MixedRun_TimesNestAndRepetitionsFollowEachOther()
    {
        var run = ExportTestRuns.Mixed();

        var spans = OtlpJsonReader.Spans(OtlpJsonTrace.ToUtf8Bytes(run));

        var root = Assert.Single(spans, s => s.ParentSpanId is null);
        var startedNs = (run.StartedAt!.Value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        Assert.Equal(startedNs, root.Start);
        Assert.True(root.End >= root.Start);
        var repetitions = spans.Where(s => s.ParentSpanId == root.SpanId).ToList();
        for (var r = 0; r < repetitions.Count; r++)
        {
            var repetition = repetitions[r];
            Assert.InRange(repetition.Start, root.Start, repetition.End);
            Assert.True(repetition.End <= root.End);
            if (r > 0)
            {
                Assert.True(repetitions[r - 1].End <= repetition.Start, "repetitions in execution order, one after another");
            }

            var result = run.Results[r];
            Assert.Equal(result.Strategy, repetition.Attributes[DashboardTelemetry.StrategyAttribute]);
            var tasks = spans.Where(s => s.ParentSpanId == repetition.SpanId).ToList();
            Assert.Equal(result.Spans.Count, tasks.Count);
            for (var t = 0; t < tasks.Count; t++)
            {
                var task = tasks[t];
                Assert.InRange(task.Start, repetition.Start, task.End);
                Assert.True(task.End <= repetition.End);
                var source = result.Spans[t];
                Assert.Equal((long)Math.Round(source.End * 1e9) - (long)Math.Round(source.Start * 1e9), task.End - task.Start);
                Assert.Equal(source.Task.ToString(System.Globalization.CultureInfo.InvariantCulture), task.Attributes[DashboardTelemetry.TaskIndexAttribute]);
                Assert.Equal($"{source.Lane.ProcessId}:{source.Lane.ThreadId}", task.Attributes[DashboardTelemetry.LaneAttribute]);
                Assert.Equal(result.Repetition.ToString(System.Globalization.CultureInfo.InvariantCulture), task.Attributes[DashboardTelemetry.RepetitionAttribute]);
                Assert.Equal(result.Strategy, task.Attributes[DashboardTelemetry.StrategyAttribute]);
                Assert.Equal(source.Status == Engine.Running.TaskStatus.Failed ? 2 : 0, task.StatusCode);
            }
        }

        Assert.Contains(spans, s => s.Attributes.GetValueOrDefault(DashboardTelemetry.TaskStatusAttribute) == "failed");
        Assert.Contains(spans, s => s.Attributes.GetValueOrDefault(DashboardTelemetry.TaskStatusAttribute) == "cancelled");
    }

    [Fact]
    public void ToUtf8Bytes_SameRunTwice_SameBytes_OtherRunOtherTrace()
    {
        var run = ExportTestRuns.Mixed();

        var first = OtlpJsonTrace.ToUtf8Bytes(run);
        var again = OtlpJsonTrace.ToUtf8Bytes(run with { });
        var other = OtlpJsonTrace.ToUtf8Bytes(run with { Id = 8 });

        Assert.Equal(first, again);
        Assert.NotEqual(OtlpJsonReader.Spans(first)[0].TraceId, OtlpJsonReader.Spans(other)[0].TraceId);
    }

    [Fact]
    public void ToUtf8Bytes_Resource_NamesTheServiceAndTheScope()
    {
        using var document = JsonDocument.Parse(OtlpJsonTrace.ToUtf8Bytes(ExportTestRuns.Mixed()));

        var resourceSpans = Assert.Single(document.RootElement.GetProperty("resourceSpans").EnumerateArray());
        var attributes = OtlpJsonReader.Attributes(resourceSpans.GetProperty("resource"));
        Assert.Equal("concurrency-dashboard", attributes["service.name"]);
        var scope = Assert.Single(resourceSpans.GetProperty("scopeSpans").EnumerateArray());
        Assert.Equal(DashboardTelemetry.RunsName, scope.GetProperty("scope").GetProperty("name").GetString());
    }
}
