using Bunit;
using Dashboard.Web.Components.Timeline;
using Dashboard.Web.Runs.Admission;
using Dashboard.Web.Runs.Execution;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Dashboard.Web.Simulation;
using Dashboard.Web.Storage;
using Dashboard.Web.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor, loose JS interop, the fake queue and feed, a real run store
/// (SQLite in a temp folder, created on first use) behind <see cref="RunHistory"/>, and an
/// interactive renderer (pages only subscribe and enable buttons once interactive).
/// </summary>
internal sealed class ComponentTestContext : BunitContext
{
    public ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IRunQueue>(Queue);
        Services.AddSingleton<IRunFeed>(Feed);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton(Knobs);

        // The smallest event cap the store accepts, so a test can store a sampled run without 20,000 spans.
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:MaxEventsPerRun"] = "100",
        }).Build());
        Services.AddSingleton(new DataFolder(_folder.Path));
        Services.AddSingleton(Options.Create(MemoryOutputs));
        Services.AddDashboardStorage();
        Services.AddOptions<RunServiceOptions>();
        Budget = new RunBudget(Options.Create(new RunServiceOptions()), Knobs, Options.Create(new LabEngineOptions()));
        Queue.Budget = Budget;
        Services.AddSingleton(Budget);
        Services.AddSingleton(_ => new RuntimeAvailability(Options.Create(Lab)));
        Services.AddSingleton(sp => new CpuCalibrationCache(sp.GetRequiredService<DataFolder>(), Options.Create(Lab), NullLogger<CpuCalibrationCache>.Instance));
        Services.AddSingleton(Options.Create(RealTargets));
        Services.AddSingleton<RunQueue>();
        Services.AddSingleton<RunHistory>();
        Services.AddSingleton<Dashboard.Web.Storage.TaskWindowReader>();
        Services.AddSingleton<Dashboard.Web.Storage.RunTallyCache>();
        Services.AddSingleton<Dashboard.Web.Explain.RunAnalysisCache>();

        // The pages take run and import permits per client, as the API does.
        Services.AddHttpContextAccessor();
        Services.AddSingleton(Options.Create(new Dashboard.Web.Security.RateLimitOptions()));
        Services.AddSingleton<Dashboard.Web.Security.ClientRateLimits>();
        Services.AddScoped<Dashboard.Web.Security.CircuitClient>();

        // The owner, as the Owner policy sees it (a viewer test calls SetAuthorized and SetPolicies itself).
        var authorization = AddAuthorization();
        authorization.SetAuthorized("dashboard");
        authorization.SetPolicies(Dashboard.Web.Security.DashboardAuth.OwnerPolicy);
        Services.AddScoped<Dashboard.Web.Security.DashboardAccess>();
        Services.AddOptions<Dashboard.Web.Security.AuthOptions>();
        Services.AddSingleton<Dashboard.Web.Security.ViewerLinks>();
        Services.AddSingleton<Dashboard.Web.Security.ViewerPresence>();

        // The canvas timeline has its own tests; here it would need a real browser module.
        ComponentFactories.AddStub<RunTimeline>();

        // After every registration: reading RendererInfo freezes the service provider.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private readonly TempFolder _folder = new();

    public FakeRunQueue Queue { get; } = new();

    /// <summary>The real targets the Run page sees (none configured unless a test sets them before rendering).</summary>
    public RealTargetsOptions RealTargets { get; } = new();

    /// <summary>Where the Run page's memory outputs would go (/dev/shm unless a test says otherwise before rendering).</summary>
    public MemoryOutputsOptions MemoryOutputs { get; } = new();

    /// <summary>The "Lab" options the Run page's Python probe reads; set before the first render.</summary>
    public LabEngineOptions Lab { get; } = new();

    /// <summary>The real store the pages read (the same SQLite file).</summary>
    public IRunStore Store => Services.GetRequiredService<IRunStore>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);

        // DisposeAsync ends with Dispose(false): the folder goes either way.
        _folder.Dispose();
    }

    public ChannelRunFeed Feed { get; } = new();

    /// <summary>The budget the page shows and the fake queue enforces (default limit, <see cref="Knobs"/>).</summary>
    public RunBudget Budget { get; }

    public SimulationKnobs Knobs { get; } = new(Options.Create(new SimulationOptions()), NullLogger<SimulationKnobs>.Instance);
}
