using System.Diagnostics;
using System.Net;
using Dashboard.Web.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Telemetry;

/// <summary>The real app: with and without an OTLP endpoint, and a real run's telemetry.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryAppTests
{
    private static readonly TimeSpan ExportPatience = TimeSpan.FromSeconds(60);

    // 2 strategies x (1 warmup + 2 repetitions) x 5 tasks.
    private const string SmallRun =
        """{"workload":"hello","tasks":5,"strategies":["sequential","async"],"repeat":2,"warmup":1,"options":{"delayMs":5},"label":"otel test"}""";

    private const int SmallRunTasks = 2 * 3 * 5;

    [Fact]
    public async Task NoEndpoint_NoOpenTelemetrySdkRegistered()
    {
        await using var factory = new DashboardFactory();
        using var client = Create(factory);

        using var response = await client.GetAsync("/api/runs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Null(factory.Services.GetService<MeterProvider>());
        Assert.NotNull(factory.Services.GetService<RunTelemetry>());
    }

    [Theory]
    [InlineData(null, DashboardTelemetry.DefaultServiceName)]
    [InlineData("lab-bench-7", "lab-bench-7")]
    public async Task Endpoint_AppExportsTracesAndMetricsOverOtlpHttpProtobuf_WithTheServiceName(string? serviceNameSetting, string expectedServiceName)
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        };
        if (serviceNameSetting is not null)
        {
            settings["OTEL_SERVICE_NAME"] = serviceNameSetting;
        }

        await using var factory = new DashboardFactory(settings);
        using var client = Create(factory);

        using var response = await client.GetAsync("/api/runs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var traces = await receiver.WaitForAsync(r => r.Path == "/v1/traces", ExportPatience);
        var metrics = await receiver.WaitForAsync(r => r.Path == "/v1/metrics", ExportPatience);
        foreach (var request in new[] { traces, metrics })
        {
            Assert.Equal("application/x-protobuf", request.ContentType);
            Assert.NotEmpty(request.Body);
            Assert.True(request.Contains(expectedServiceName), $"{request.Path}: service.name {expectedServiceName} missing");
        }

        // The request above is in a trace: ASP.NET Core's span carries its route.
        var apiSpan = await receiver.WaitForAsync(r => r.Path == "/v1/traces" && r.Contains("/api/runs"), ExportPatience);
        Assert.NotEmpty(apiSpan.Body);
    }

    [Fact]
    public async Task RealRun_RunSpanRunCountersAndTaskCounter_InTheInMemoryExporters()
    {
        var activities = new List<Activity>();
        var metrics = new List<Metric>();
        await using var factory = new DashboardFactory(services: services => services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(DashboardTelemetry.RunsName).AddInMemoryExporter(activities))
            .WithMetrics(meters => meters.AddMeter(DashboardTelemetry.RunsName).AddInMemoryExporter(metrics)));
        using var client = Create(factory);

        var id = await StartRunAsync(client, SmallRun);
        var run = await WaitForStateAsync(client, id, "completed", "failed", "cancelled");
        Assert.Equal("completed", run.GetProperty("state").GetString());
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush();

        // The run's own span; its end's steps (RunEndSteps: published, stored, analysed, pages) carry its id too.
        var ofRun = activities.Where(a => a.GetTagItem(DashboardTelemetry.RunIdAttribute) is long runId && runId == id).ToList();
        var span = Assert.Single(ofRun, a => a.OperationName == "run");
        Assert.Equal("completed", span.GetTagItem(DashboardTelemetry.StateAttribute));
        Assert.Equal("otel test", span.GetTagItem(DashboardTelemetry.LabelAttribute));
        Assert.Equal(6, span.GetTagItem(DashboardTelemetry.RepetitionsAttribute));
        Assert.True(span.Duration > TimeSpan.Zero);

        Assert.Equal(1, Sum(metrics, DashboardTelemetry.RunTransitionsInstrument, DashboardTelemetry.StateAttribute, "queued"));
        Assert.Equal(1, Sum(metrics, DashboardTelemetry.RunTransitionsInstrument, DashboardTelemetry.StateAttribute, "running"));
        Assert.Equal(1, Sum(metrics, DashboardTelemetry.RunTransitionsInstrument, DashboardTelemetry.StateAttribute, "completed"));
        Assert.Equal(0, Sum(metrics, DashboardTelemetry.ActiveRunsInstrument, DashboardTelemetry.StateAttribute, "running"));
        Assert.Equal(SmallRunTasks, Sum(metrics, DashboardTelemetry.TasksEndedInstrument, DashboardTelemetry.TaskStatusAttribute, "ok"));

        // The same run as OTLP/JSON: one trace, run -> 6 repetitions -> 30 tasks.
        var otlp = await client.GetByteArrayAsync($"/api/runs/{id}/export/otlp");
        var spans = OtlpJsonReader.Spans(otlp);
        Assert.Single(spans.Select(s => s.TraceId).Distinct());
        Assert.Equal(1 + 6 + SmallRunTasks, spans.Count);
        Assert.Equal(otlp, await client.GetByteArrayAsync($"/api/runs/{id}/export/otlp"));
    }

    private static long Sum(List<Metric> metrics, string instrument, string tag, string value)
    {
        var metric = metrics.LastOrDefault(m => m.Name == instrument);
        Assert.NotNull(metric);
        var sum = 0L;
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var item in point.Tags)
            {
                if (item.Key == tag && (string?)item.Value == value)
                {
                    sum += point.GetSumLong();
                }
            }
        }

        return sum;
    }
}
