using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Host;

namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>A run that ran and ended, as <see cref="IRunObserver.OnRunEndedAsync"/> hears it.</summary>
/// <param name="Summary">The run in its final state.</param>
/// <param name="Result">The engine's result; null when the run never started or the engine failed.</param>
/// <param name="Events">Every event kept for the run, in Seq order.</param>
/// <param name="OutputDirectory">The run's output folder (files the workload wrote).</param>
/// <param name="Environment">Where the run ran, captured when it started (the targets' knobs may change while it runs).</param>
public sealed record CompletedRun(RunSummary Summary, RunResult? Result, IReadOnlyList<WireEvent> Events, string OutputDirectory, RunEnvironment Environment);
