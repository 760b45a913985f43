using System.Globalization;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Api;
using Dashboard.Web.Compare;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Exports;
using Dashboard.Web.Explain;
using Dashboard.Web.Routes;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Dashboard.Web.Components.Pages;

/// <summary>
/// The run history: stored and live runs newest first, one page of <see cref="PageSize"/> at a time
/// (so a history of thousands renders as fast as one of ten), filters, labels, delete, import, and
/// a selection to compare.
/// </summary>
public sealed partial class HistoryPage : IDisposable
{
    /// <summary>Rows per page: a screenful, and the reason 1,000 stored runs render fast.</summary>
    public const int PageSize = 25;

    /// <summary>While a shown run is queued or running its row follows it at this pace.</summary>
    public static readonly TimeSpan LiveRefreshInterval = TimeSpan.FromSeconds(2);

    internal const string AllValue = "all";

    private readonly CancellationTokenSource _disposed = new();
    private readonly HashSet<long> _selected = [];
    private RunPage? _page;
    private int _pageNumber = 1;
    private string _workload = AllValue;
    private string _state = AllValue;
    private string? _loadError;
    private long? _editingId;
    private string? _labelDraft;
    private long? _confirmDeleteId;
    private bool _importing;
    private string? _message;
    private long? _messageRunId;
    private Severity _messageSeverity = Severity.Info;
    private Task _refresher = Task.CompletedTask;

    [Inject]
    private Security.DashboardAccess Access { get; set; } = default!;

    [Inject]
    private RunHistory History { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private Microsoft.Extensions.Options.IOptions<ApiLimitsOptions> Limits { get; set; } = default!;

    [Inject]
    private ILogger<HistoryPage> Logger { get; set; } = default!;

    [Inject]
    private Security.CircuitClient Client { get; set; } = default!;

    private int PageCount => _page is null ? 0 : Math.Max(1, (_page.Total + PageSize - 1) / PageSize);

    private bool CanCompare => RendererInfo.IsInteractive && _selected.Count is >= CompareIds.MinRuns and <= CompareIds.MaxRuns;

    private string CompareHref => AppRoutes.Compare(_selected.Order());

    protected override async Task OnInitializedAsync() => await LoadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _refresher = RefreshLiveRowsAsync(_disposed.Token);
        }
    }

    internal static string StateValue(RunState state) => RunLifecycle.ToText(state);

    private static string WorkloadTitle(string workload) =>
        WorkloadCatalog.All.FirstOrDefault(w => w.Id == workload)?.Title ?? workload;

    private static string Details(RunListItem run) => string.Create(CultureInfo.InvariantCulture,
        $"{Fmt.Plural(run.TaskCount, "task", "tasks")} · {Fmt.Plural(run.Strategies.Count, "strategy", "strategies")} · ×{run.Repeat}{(run.Warmup > 0 ? $" +{run.Warmup} warmup" : "")}");

    /// <summary>The strategy with the lowest median wall time, e.g. "async 0.21 s".</summary>
    private static string Fastest(RunListItem run) => run.MedianWallSeconds.Count == 0
        ? "—"
        : run.MedianWallSeconds.MinBy(p => p.Value) is var best
            ? $"{StrategyText.Name(best.Key)} {Fmt.Seconds(best.Value)}"
            : "—";

    private async Task LoadAsync()
    {
        try
        {
            var filter = new RunFilter(
                _workload == AllValue ? null : _workload,
                _state == AllValue ? null : Enum.Parse<RunState>(_state, ignoreCase: true));
            var page = await History.ListAsync(filter, (_pageNumber - 1) * PageSize, PageSize, _disposed.Token);
            if (page.Items.Count == 0 && page.Total > 0 && _pageNumber > 1)
            {
                // The last page emptied (deletes, retention): show the new last page.
                _pageNumber = Math.Max(1, (page.Total + PageSize - 1) / PageSize);
                page = await History.ListAsync(filter, (_pageNumber - 1) * PageSize, PageSize, _disposed.Token);
            }

            _page = page;
            _loadError = null;
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The page went away.
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            Logger.LogError(ex, "History could not be read");
            _loadError = "The run history could not be read: " + ex.Message;
        }
    }

    private async Task RefreshLiveRowsAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(LiveRefreshInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                // Only while something shown can still change: an idle history costs no queries.
                if (_page?.Items.Any(r => !RunLifecycle.IsFinal(r.State)) != true || _editingId is not null)
                {
                    continue;
                }

                await InvokeAsync(async () =>
                {
                    await LoadAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away.
        }
    }

    private async Task FilterWorkloadAsync(string value)
    {
        _workload = value;
        _pageNumber = 1;
        await LoadAsync();
    }

    private async Task FilterStateAsync(string value)
    {
        _state = value;
        _pageNumber = 1;
        await LoadAsync();
    }

    private async Task GoToPageAsync(int page)
    {
        _pageNumber = page;
        await LoadAsync();
    }

    private void ToggleSelected(long id, bool selected)
    {
        if (selected)
        {
            _selected.Add(id);
        }
        else
        {
            _selected.Remove(id);
        }
    }

    private void EditLabel(RunListItem run)
    {
        _editingId = run.Id;
        _labelDraft = run.Label;
        _confirmDeleteId = null;
    }

    private void CancelLabel()
    {
        _editingId = null;
        _labelDraft = null;
    }

    private async Task LabelKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await SaveLabelAsync();
        }
        else if (e.Key == "Escape")
        {
            CancelLabel();
        }
    }

    private async Task SaveLabelAsync()
    {
        if (!await Access.IsOwnerAsync())
        {
            Show(Severity.Warning, Security.DashboardAuth.ViewerRefusal);
            return;
        }

        if (_editingId is not { } id)
        {
            return;
        }

        var outcome = await History.SetLabelAsync(id, _labelDraft, _disposed.Token);
        switch (outcome)
        {
            case LabelOutcome.Saved:
                _editingId = null;
                await LoadAsync();
                return;
            case LabelOutcome.Invalid:
                Show(Severity.Warning, RunLabel.Problem(_labelDraft) ?? "That label cannot be kept.");
                return;
            case LabelOutcome.Active:
                Show(Severity.Warning, $"Run {id} is still queued or running: label it when it has ended.");
                break;
            default:
                Show(Severity.Warning, $"Run {id} no longer exists.");
                break;
        }

        _editingId = null;
        await LoadAsync();
    }

    private async Task DeleteAsync(long id)
    {
        if (!await Access.IsOwnerAsync())
        {
            Show(Severity.Warning, Security.DashboardAuth.ViewerRefusal);
            return;
        }

        _confirmDeleteId = null;
        var outcome = await History.DeleteAsync(id, _disposed.Token);
        switch (outcome)
        {
            case DeleteOutcome.Deleted:
                _selected.Remove(id);
                Show(Severity.Success, $"Run {id} deleted.");
                break;
            case DeleteOutcome.Active:
                Show(Severity.Warning, $"Run {id} is queued or running: cancel it on its page before deleting it.");
                break;
            default:
                Show(Severity.Warning, $"Run {id} no longer exists.");
                break;
        }

        await LoadAsync();
    }

    private async Task ImportAsync(IBrowserFile? file)
    {
        if (!await Access.IsOwnerAsync())
        {
            Show(Severity.Warning, Security.DashboardAuth.ViewerRefusal);
            return;
        }

        if (file is null)
        {
            return;
        }

        // The same per-client limit as POST /api/runs/import.
        if (Client.TryTake(Security.ClientRateLimits.Imports) is { } limited)
        {
            Show(Severity.Warning, limited);
            return;
        }

        _importing = true;
        try
        {
            var maxBytes = Limits.Value.MaxImportBytes;
            if (file.Size > maxBytes)
            {
                Show(Severity.Error, $"{file.Name} is {file.Size / (1024 * 1024)} MB; an export is at most {maxBytes / (1024 * 1024)} MB.");
                return;
            }

            await using var stream = file.OpenReadStream(maxBytes, _disposed.Token);
            var document = await RunJson.DeserializeAsync(stream, _disposed.Token);
            var run = await History.ImportAsync(document, _disposed.Token);
            Logger.LogInformation("Run {RunId} imported from {FileName} on the History page", run.Id, file.Name);
            _workload = AllValue;
            _state = AllValue;
            _pageNumber = 1;
            await LoadAsync();
            Show(Severity.Success, $"Imported {file.Name} as run {run.Id}.", run.Id);
        }
        catch (RunDocumentException ex)
        {
            Show(Severity.Error, $"{file.Name} is not a run export this dashboard can import: {ex.Message}");
        }
        catch (IOException ex)
        {
            Show(Severity.Error, $"{file.Name} could not be read: {ex.Message}");
        }
        finally
        {
            _importing = false;
        }
    }

    private void Show(Severity severity, string message, long? runId = null)
    {
        _messageSeverity = severity;
        _message = message;
        _messageRunId = runId;
    }

    // Cancelled, not disposed: a refresh queued on the dispatcher may still read the token.
    public void Dispose() => _disposed.Cancel();
}
