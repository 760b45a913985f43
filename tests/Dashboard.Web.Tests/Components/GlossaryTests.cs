using Bunit;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Explain;
using Dashboard.Web.Routes;

namespace Dashboard.Web.Tests.Components;

public sealed class GlossaryTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void GlossaryPage_ListsEveryTermOfTheIssueUnderItsAnchor()
    {
        var cut = _ctx.Render<GlossaryPage>();

        foreach (var id in new[] { Glossary.Lane, Glossary.PidTid, Glossary.LatencyBound, Glossary.Limit, Glossary.Calibrated, Glossary.P90, Glossary.GrainSilo, Glossary.Gmp, Glossary.WelchTest })
        {
            var entry = cut.Find($"[data-test=term-{id}]");
            Assert.Equal(id, entry.Id);
            Assert.Contains(Glossary.Get(id).Meaning, entry.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TermHelp_LinksToItsEntryWithAnAccessibleName()
    {
        var cut = _ctx.Render<TermHelp>(p => p.Add(t => t.Term, Glossary.P90));

        var link = cut.Find("a[data-test=term-help-p90]");
        Assert.Equal(AppRoutes.Term(Glossary.P90), link.GetAttribute("href"));
        Assert.Equal("What is p90?", link.GetAttribute("aria-label"));
    }

    [Fact]
    public void TermHelp_UnknownTerm_Throws() =>
        Assert.Throws<ArgumentException>(() => _ctx.Render<TermHelp>(p => p.Add(t => t.Term, "nope")));

    [Fact]
    public void ExplainPanel_NamesOnlyTheGlossaryWordsItsLinesUse()
    {
        var items = new List<ExplainItem>
        {
            new("cpu-limit", "Threads reached 92% of its limit (calibrated on this machine).", 1, []),
        };

        var cut = _ctx.Render<ExplainPanel>(p => p.Add(e => e.Items, items));

        var words = cut.Find("[data-test=explain-words]");
        Assert.NotNull(words.QuerySelector("[data-test=term-help-limit]"));
        Assert.NotNull(words.QuerySelector("[data-test=term-help-calibrated]"));
        Assert.Null(words.QuerySelector("[data-test=term-help-p90]"));
    }
}
