using System.Text.Json;
using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using static Dashboard.Engine.Tests.Findings.CraftedRuns;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Engine.Tests.Findings;

public sealed class FindingCatalogTests
{
    [Fact]
    public void Catalog_EachRuleOnceWithItsWhyAndWhatToDo()
    {
        Assert.Equal(FindingCatalog.Rules.Count, FindingCatalog.Rules.Select(r => r.Id).Distinct().Count());
        Assert.All(FindingCatalog.Rules, rule =>
        {
            Assert.Same(rule, FindingCatalog.Rule(rule.Id));
            Assert.All(new[] { rule.Fires, rule.Why, rule.WhatToDo }, text => Assert.EndsWith(".", text, StringComparison.Ordinal));
            Assert.NotEqual("", rule.Title);
        });

        // The list, each a rule of its own.
        Assert.All(new[]
        {
            FindingIds.PoolStarvation, FindingIds.SyncOverAsync, FindingIds.LockContention, FindingIds.GilBound, FindingIds.UnevenShares,
            FindingIds.StartupDominates, FindingIds.TasksTooShort, FindingIds.KernelBound, FindingIds.Failures, FindingIds.BlockingGrain,
        }, id => Assert.NotNull(FindingCatalog.Rule(id)));
    }

    [Fact]
    public void Run_RanksErrorsFirstThenTheLargerShare()
    {
        var failing = new StrategyResult(StrategyIds.Threads, 0, 0.2, 0.01, 4, 3, 1, "ok", 0,
            [.. Enumerable.Range(0, 4).Select(i => new TaskSpan(i, new Lane(Pid, 1), 0, 0.1, i == 0 ? TaskStatus.Failed : TaskStatus.Ok, i == 0 ? "boom" : "ok"))]);
        var asyncio = Result(PythonTwins.Key(StrategyIds.Async), 0.42, 0.35, AllAtOnce(4, 0.1, from: 0.31));
        var processes = Result(PythonTwins.Key(StrategyIds.Processes), 0.9, 0.5, AllAtOnce(4, 0.1, from: 0.8), lanes: 2);

        var findings = FindingCatalog.Run(Input(new GenreParameters(4), failing, asyncio, processes));

        Assert.Equal([FindingIds.Failures, FindingIds.StartupDominates, FindingIds.StartupDominates], findings.Select(f => f.Id));
        Assert.Equal(PythonTwins.Key(StrategyIds.Processes), findings[1].Key);
    }

    [Fact]
    public void Finding_Json_HasIdSeverityStrategyRuntimeFiguresAndText()
    {
        var asyncio = Result(PythonTwins.Key(StrategyIds.Async), 0.42, 0.35, AllAtOnce(5, 0.1, from: 0.31));
        var finding = Assert.Single(FindingCatalog.Run(Input(new GenreParameters(5), asyncio)));

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(finding, new JsonSerializerOptions(JsonSerializerDefaults.Web)));

        Assert.Equal(["id", "severity", "strategy", "runtime", "figures", "text"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("warning", json.RootElement.GetProperty("severity").GetString());
        Assert.Equal("python", json.RootElement.GetProperty("runtime").GetString());
        Assert.Equal(0.31, json.RootElement.GetProperty("figures").GetProperty("startupSeconds").GetDouble(), 9);
    }
}
