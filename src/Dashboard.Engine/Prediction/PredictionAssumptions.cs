namespace Dashboard.Engine.Prediction;

/// <summary>What one strategy's prediction assumed, each figure in seconds per repetition unless named otherwise.</summary>
/// <param name="WaitLanes">Tasks that wait at once (the strategy descriptor's lanes).</param>
/// <param name="CpuLanes">Cores its CPU work is shared over.</param>
/// <param name="CpuSpeedup">What those cores make of the CPU work: the calibration's speedup at <paramref name="CpuLanes"/>, else the lanes.</param>
/// <param name="CpuShare">The sequential tasks' share on a core (CPU and ready over their spans), 0..1.</param>
/// <param name="CpuSeconds">The sequential tasks' CPU work (CPU plus ready), summed.</param>
/// <param name="WaitSeconds">The sequential tasks' waiting, summed.</param>
/// <param name="FixedSeconds">What the sequential repetition spent outside its tasks (start, gaps, end), paid by every strategy.</param>
/// <param name="StartupSeconds">Starting worker processes (0 in process).</param>
/// <param name="TransferSeconds">Tasks travelling to workers and back, per lane one after another (0 in process).</param>
/// <param name="Shape">How the strategy runs the tasks, in words (<see cref="Strategies.StrategyWall.Shape"/>).</param>
public sealed record PredictionAssumptions(
    int WaitLanes,
    int CpuLanes,
    double CpuSpeedup,
    double CpuShare,
    double CpuSeconds,
    double WaitSeconds,
    double FixedSeconds,
    double StartupSeconds,
    double TransferSeconds,
    string Shape);
