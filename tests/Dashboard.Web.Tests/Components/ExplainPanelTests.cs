using Bunit;
using Dashboard.Engine.Findings;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Explain;
using Dashboard.Web.Routes;

namespace Dashboard.Web.Tests.Components;

/// <summary>The Explain panel shows five lines, the rest under "more"; a line that states a finding links its why.</summary>
public sealed class ExplainPanelTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private static ExplainItem Item(int i) => new($"rule-{i}", $"Line {i}.", 100 - i, ExplainItem.From(("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void Render_SevenLines_FiveShownInOrder_TwoUnderMore()
    {
        var items = Enumerable.Range(1, 7).Select(Item).ToList();
        items[0] = items[0] with { Finding = FindingIds.Failures, Severity = FindingSeverity.Error };

        var cut = _ctx.Render<ExplainPanel>(p => p.Add(c => c.Items, items));

        var top = cut.Find("[data-test=explain-top]").Children;
        Assert.Equal(RunExplainer.Shown, top.Length);
        Assert.Equal([1, 2, 3, 4, 5], top.Select(li => int.Parse(li.GetAttribute("data-rule")!["rule-".Length..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(top, li => Assert.Equal($"{li.GetAttribute("data-rule")}: i = {li.GetAttribute("data-rule")!["rule-".Length..]}",
            li.QuerySelector("[data-test=explain-source]")!.TextContent));
        var more = cut.Find("[data-test=explain-more]");
        Assert.Equal("2 more lines", more.QuerySelector("summary")!.TextContent.Trim());
        Assert.Equal(2, more.QuerySelectorAll("[data-test=explain-item]").Length);
        Assert.Equal(AppRoutes.Warning(FindingIds.Failures), Assert.Single(cut.FindAll("[data-test=explain-warning-link]")).GetAttribute("href"));
    }

    [Fact]
    public void Render_ThreeLines_NoMore()
    {
        var cut = _ctx.Render<ExplainPanel>(p => p.Add(c => c.Items, [Item(1), Item(2), Item(3)]));

        Assert.Equal(3, cut.FindAll("[data-test=explain-item]").Count);
        Assert.Empty(cut.FindAll("[data-test=explain-more]"));
    }

    [Fact]
    public void WarningsPage_OneEntryPerRule_AnchoredByItsId()
    {
        var cut = _ctx.Render<WarningsPage>();

        Assert.Equal(FindingCatalog.Rules.Select(r => r.Id), cut.FindAll(".warning-rule").Select(e => e.Id));
        Assert.All(FindingCatalog.Rules, r => Assert.Contains(r.WhatToDo, cut.Find($"[data-test=rule-{r.Id}]").TextContent, StringComparison.Ordinal));
    }
}
