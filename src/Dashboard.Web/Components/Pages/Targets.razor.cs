using Dashboard.Web.Simulation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages;

/// <summary>View and change the simulated targets' knobs; the knobs singleton validates every change.</summary>
public sealed partial class Targets
{
    private SimulationOptions _current = new();
    private KnobEdit _edit = new();
    private Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);
    private string? _saved;

    [Inject]
    private Security.DashboardAccess Access { get; set; } = default!;

    [Inject]
    private SimulationKnobs Knobs { get; set; } = default!;

    protected override void OnInitialized() => Load(Knobs.Current);

    private static Dictionary<string, object> Test(string id) => new() { ["data-test"] = id };

    private bool HasError(string knob) => _errors.ContainsKey(knob);

    private string? ErrorFor(string knob) => _errors.TryGetValue(knob, out var m) ? string.Join(" ", m) : null;

    private void Load(SimulationOptions knobs)
    {
        _current = knobs;
        _edit = KnobEdit.From(knobs);
    }

    private async Task Apply()
    {
        _saved = null;
        if (!await Access.IsOwnerAsync())
        {
            _saved = Security.DashboardAuth.ViewerRefusal;
            return;
        }

        try
        {
            Load(Knobs.Set(_edit.ToOptions(Knobs.Current)));
            _errors.Clear();
            _saved = "Applied: the next request to the targets uses these knobs.";
        }
        catch (InvalidKnobsException ex)
        {
            // The knobs in force stay as they were; the edits stay on the form to be fixed.
            _errors = ex.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        }
    }

    private void Revert()
    {
        _errors.Clear();
        _saved = null;
        Load(Knobs.Current);
    }

    private async Task ResetDefaults()
    {
        if (!await Access.IsOwnerAsync())
        {
            _saved = Security.DashboardAuth.ViewerRefusal;
            return;
        }

        _errors.Clear();
        Load(Knobs.Reset());
        _saved = "Back to the configured defaults.";
    }

    /// <summary>The form's editable copy of the knobs.</summary>
    private sealed class KnobEdit
    {
        public int GenreLatencyMs { get; set; }

        public int PageLatencyMs { get; set; }

        public int JitterMs { get; set; }

        public double FailureRate { get; set; }

        public int RateLimitPerSecond { get; set; }

        public int PageSizeKb { get; set; }

        public static KnobEdit From(SimulationOptions o) => new()
        {
            GenreLatencyMs = o.GenreLatencyMs,
            PageLatencyMs = o.PageLatencyMs,
            JitterMs = o.JitterMs,
            FailureRate = o.FailureRate,
            RateLimitPerSecond = o.RateLimitPerSecond,
            PageSizeKb = o.PageSizeKb,
        };

        public SimulationOptions ToOptions(SimulationOptions current) => current with
        {
            GenreLatencyMs = GenreLatencyMs,
            PageLatencyMs = PageLatencyMs,
            JitterMs = JitterMs,
            FailureRate = FailureRate,
            RateLimitPerSecond = RateLimitPerSecond,
            PageSizeKb = PageSizeKb,
        };
    }
}
