using Dashboard.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Accessibility;

/// <summary>
/// Every element the Tab key reaches shows a focus ring (an outline of at least 2 px on it or on
/// the box drawn around it), in light and dark: MudBlazor's own CSS removes the outline of links.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FocusIndicatorTests(DashboardAppFixture app)
{
    // The focused element, or for a hidden input (checkbox, switch) the nearest box around it, with an
    // outline of 2 px or more; returns a description of the element when there is none.
    private const string RingScript = """
        () => {
            const el = document.activeElement;
            if (!el || el === document.body) return 'body';
            for (let node = el, depth = 0; node && depth < 4; node = node.parentElement, depth++) {
                const s = getComputedStyle(node);
                if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) return '';
            }
            return el.outerHTML.slice(0, 160);
        }
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TabThroughRunPage_EveryFocusedElementHasARing(bool dark)
    {
        var page = await app.NewPageAsync(dark ? ColorScheme.Dark : ColorScheme.Light);
        await A11yRuns.OpenAsync(page, "/", dark);

        var missing = new List<string>();
        var seen = 0;
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var problem = await page.EvaluateAsync<string>(RingScript);
            if (problem == "body")
            {
                continue;
            }

            seen++;
            if (problem.Length > 0)
            {
                missing.Add(problem);
            }
        }

        Assert.True(seen >= 30, $"Tab reached {seen} elements");
        Assert.True(missing.Count == 0, "no focus ring on:\n" + string.Join("\n", missing.Distinct()));
        await page.Context.CloseAsync();
    }
}
