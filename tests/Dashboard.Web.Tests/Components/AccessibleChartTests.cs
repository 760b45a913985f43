using Bunit;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Components.Shared;
using MudBlazor;
using MudBlazor.Utilities;

namespace Dashboard.Web.Tests.Components;

/// <summary>Charts' text alternatives, and the theme's colours measured against WCAG 2.2 AA.</summary>
public sealed class AccessibleChartTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void Render_TwoSeries_NameSaysEveryFigureAndTheTableHasOneRowPerLabel()
    {
        List<ChartSeries<double>> series =
        [
            new() { Name = "fastest", Data = new[] { 1.5, 20.0 } },
            new() { Name = "slowest", Data = new[] { 3.25, 1234.0 } },
        ];

        var cut = _ctx.Render<AccessibleChart>(p => p
            .Add(x => x.Title, "Task durations in ms")
            .Add(x => x.Labels, ["sequential", "threads"])
            .Add(x => x.Series, series));

        var image = cut.Find("[role=img]");
        Assert.Equal(
            "Bar chart: Task durations in ms. sequential: fastest 1.5, slowest 3.25; threads: fastest 20, slowest 1,234.",
            image.GetAttribute("aria-label"));
        Assert.Equal("Show data table", cut.Find("details summary").TextContent);
        Assert.Equal(["Strategy", "fastest", "slowest"], cut.FindAll("thead th").Select(th => th.TextContent));
        var rows = cut.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["threads", "20", "1,234"], rows[1].Children.Select(c => c.TextContent));
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public void Theme_StateAndKindColours_MeetAaContrastForChipText(string mode)
    {
        var theme = DashboardTheme.Create();
        Palette palette = mode == "light" ? theme.PaletteLight : theme.PaletteDark;
        var colours = new[]
        {
            ("info", palette.Info, palette.InfoContrastText),
            ("success", palette.Success, palette.SuccessContrastText),
            ("warning", palette.Warning, palette.WarningContrastText),
            ("error", palette.Error, palette.ErrorContrastText),
            ("secondary", palette.Secondary, palette.SecondaryContrastText),
            ("primary", palette.Primary, palette.PrimaryContrastText),
        };

        foreach (var (name, colour, text) in colours)
        {
            // Filled chips and buttons: their text on the colour.
            Assert.True(Contrast(colour, text) >= 4.5, $"{mode} {name}: {text} on {colour} is {Contrast(colour, text):0.00}:1");

            // Outlined chips and text: the colour on the surface and on the page background.
            Assert.True(Contrast(colour, palette.Surface) >= 4.5, $"{mode} {name}: {colour} on {palette.Surface} is {Contrast(colour, palette.Surface):0.00}:1");
            Assert.True(Contrast(colour, palette.Background) >= 4.5, $"{mode} {name}: {colour} on {palette.Background} is {Contrast(colour, palette.Background):0.00}:1");
        }
    }

    /// <summary>WCAG 2.x contrast ratio of two opaque colours.</summary>
    private static double Contrast(MudColor a, MudColor b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(MudColor c)
    {
        static double Channel(byte v)
        {
            var s = v / 255.0;
            return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(c.R)) + (0.7152 * Channel(c.G)) + (0.0722 * Channel(c.B));
    }
}
