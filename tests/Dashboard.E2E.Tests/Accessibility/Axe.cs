using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Accessibility;

/// <summary>
/// axe-core (npm, pinned in tests/Dashboard.E2E.Tests/package.json, installed by <c>npm ci</c>
/// in tests/run-all.sh) injected into a real page. A missing axe-core throws: the tests fail.
/// </summary>
public static class Axe
{
    /// <summary>The rule sets checked: WCAG 2.0, 2.1 and 2.2 at levels A and AA.</summary>
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly Lazy<string> Script = new(LoadScript);

    /// <summary>tests/Dashboard.E2E.Tests/node_modules/axe-core/axe.min.js, found from the test binaries upwards.</summary>
    public static string ScriptPath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Dashboard.E2E.Tests.csproj")))
                {
                    return Path.Combine(dir.FullName, "node_modules", "axe-core", "axe.min.js");
                }
            }

            throw new InvalidOperationException($"tests/Dashboard.E2E.Tests was not found above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>Runs axe on the page and returns its serious and critical violations (empty when clean).</summary>
    public static async Task<IReadOnlyList<AxeViolation>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.AddScriptTagAsync(new() { Content = Script.Value });
        }

        var json = await page.EvaluateAsync<string>("""
            async (tags) => {
                const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
                return JSON.stringify(result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300))
                })));
            }
            """, Tags);
        var all = JsonSerializer.Deserialize<List<AxeViolation>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        return all.Where(v => v.Impact is "serious" or "critical").ToList();
    }

    /// <summary>One line per violation and up to five of its elements, for a failing assertion.</summary>
    public static string Describe(string where, IReadOnlyList<AxeViolation> violations)
    {
        var text = new StringBuilder();
        foreach (var v in violations)
        {
            text.AppendLine($"{where}: [{v.Impact}] {v.Id}: {v.Help} ({v.Nodes.Count} elements)");
            foreach (var node in v.Nodes.Take(5))
            {
                text.AppendLine($"    {node}");
            }
        }

        return text.ToString();
    }

    private static string LoadScript()
    {
        var path = ScriptPath;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"axe-core is missing at {path}: run `npm ci` in tests/Dashboard.E2E.Tests (tests/run-all.sh does).", path);
        }

        return File.ReadAllText(path);
    }
}

public sealed record AxeViolation(string Id, string Impact, string Help, IReadOnlyList<string> Nodes);
