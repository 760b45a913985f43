using Dashboard.Web.Runs.Admission;
using Dashboard.Web.Runs.Execution;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Simulation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Runs;

/// <summary>A <see cref="RunBudget"/> without a host: given knobs and limit, default simulated targets.</summary>
internal static class TestBudgets
{
    public static SimulationKnobs Knobs(SimulationOptions? defaults = null) =>
        new(Options.Create(defaults ?? new SimulationOptions()), NullLogger<SimulationKnobs>.Instance);

    public static RunBudget Create(SimulationKnobs? knobs = null, int maxRunSeconds = 900, string? targetBaseUrl = null) =>
        new(Options.Create(new RunServiceOptions { MaxRunSeconds = maxRunSeconds }),
            knobs ?? Knobs(),
            Options.Create(new LabEngineOptions { TargetBaseUrl = targetBaseUrl }));
}
