using Dashboard.Engine.Findings;
using Dashboard.Engine.Prediction;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Engine.Tests.Prediction;

/// <summary>The model on crafted sequential runs: pure CPU, pure waiting, mixed; lanes against cores; worker overheads.</summary>
public sealed class WallPredictorTests
{
    private const int Pid = 4242;

    // N tasks one after another, each cpu + wait long, starting at 'first'.
    private static StrategyResult Sequential(int tasks, double cpu, double wait, double first = 0)
    {
        var length = cpu + wait;
        var spans = Enumerable.Range(0, tasks)
            .Select(i => new TaskSpan(i, new Lane(Pid, 1), first + (i * length), first + ((i + 1) * length), TaskStatus.Ok, "ok") { Cpu = cpu, Ready = 0 })
            .ToList();
        return new StrategyResult(StrategyIds.Sequential, 0, first + (tasks * length), tasks * cpu, 1, tasks, 0, "ok", 0, spans);
    }

    private static PredictionBasis Basis(int tasks, double cpu, double wait) => PredictionBasis.Of(Sequential(tasks, cpu, wait))!;

    private static double Predict(string key, PredictionBasis basis, int cores = 2, StrategyOptions? options = null, CpuCalibration? calibration = null) =>
        WallPredictor.Predict(key, basis, options ?? new StrategyOptions(), cores, PredictionOverheads.Default, calibration).Seconds;

    [Fact]
    public void Predict_PureCpu_SharedOverTheCoresNotTheLanes()
    {
        var basis = Basis(16, cpu: 0.1, wait: 0);

        // 1.6 s of CPU: threads (16 lanes) and the pool (6) get the 2 cores; async runs it on one thread.
        Assert.Equal(0.8, Predict(StrategyIds.Threads, basis), 6);
        Assert.Equal(0.8, Predict(StrategyIds.ThreadPool, basis), 6);
        Assert.Equal(0.8, Predict(StrategyIds.Parallel, basis), 6);
        Assert.Equal(1.6, Predict(StrategyIds.Async, basis), 6);

        // On 4 cores with degree 4, a quarter; with a pool of 2 workers on 4 cores, a half.
        Assert.Equal(0.4, Predict(StrategyIds.Parallel, basis, cores: 4), 6);
        Assert.Equal(0.8, Predict(StrategyIds.ThreadPool, basis, cores: 4, options: new StrategyOptions(ThreadPoolSize: 2)), 6);
    }

    [Fact]
    public void Predict_PureWait_RoundsOfWaitsOverTheLanes()
    {
        var basis = Basis(12, cpu: 0, wait: 0.1);

        Assert.Equal(0.1, Predict(StrategyIds.Threads, basis), 6);          // all at once
        Assert.Equal(0.1, Predict(StrategyIds.Async, basis), 6);
        Assert.Equal(0.2, Predict(StrategyIds.ThreadPool, basis), 6);       // 6 workers: 2 rounds
        Assert.Equal(0.6, Predict(StrategyIds.Parallel, basis), 6);         // degree 2 on 2 cores: 6 rounds
        Assert.Equal(0.3, Predict(StrategyIds.Parallel, basis, cores: 4), 6);
        Assert.Equal(0.3, Predict(StrategyIds.Async, basis, options: new StrategyOptions(AsyncCap: 4)), 6); // a cap of 4: 3 rounds
    }

    [Fact]
    public void Predict_Mixed_WaitsAndCpuAddUp()
    {
        var basis = Basis(10, cpu: 0.02, wait: 0.08);

        // Threads: one wait of 0.08 s, then 0.2 s of CPU on 2 cores. Async: the CPU on one thread.
        Assert.Equal(0.08 + 0.1, Predict(StrategyIds.Threads, basis), 6);
        Assert.Equal(0.08 + 0.2, Predict(StrategyIds.Async, basis), 6);
        // Parallel, degree 2: 5 rounds of waits and the CPU on 2 cores.
        Assert.Equal((5 * 0.08) + 0.1, Predict(StrategyIds.Parallel, basis), 6);
        Assert.Equal(0.2, basis.CpuShare, 6);
    }

    [Fact]
    public void Predict_WorkerProcesses_AddTheirStartAndOneTripPerRound()
    {
        var basis = Basis(8, cpu: 0.1, wait: 0);
        var overheads = new PredictionOverheads(0.05, 0.01, "test");

        var prediction = WallPredictor.Predict(StrategyIds.Processes, basis, new StrategyOptions(), 2, overheads);

        // 0.8 s of CPU on 2 processes, their start, 4 trips each one after another.
        Assert.Equal(0.4 + 0.05 + (4 * 0.01), prediction.Seconds, 6);
        Assert.Equal((2, 2, 0.05), (prediction.Assumptions.WaitLanes, prediction.Assumptions.CpuLanes, prediction.Assumptions.StartupSeconds));
        Assert.Equal(0, WallPredictor.Predict(StrategyIds.Parallel, basis, new StrategyOptions(), 2, overheads).Assumptions.StartupSeconds);
    }

    [Fact]
    public void Predict_WithCalibration_CpuWorkGetsTheMeasuredSpeedup()
    {
        var basis = Basis(16, cpu: 0.1, wait: 0);
        var calibration = new CpuCalibration("gmp", 1, 16, 2, 3, OneProcessSeconds: 1.6, ParallelSeconds: 1.0, DateTimeOffset.UnixEpoch);

        // The cores together give x1.6, not x2.
        Assert.Equal(1.0, Predict(StrategyIds.Parallel, basis, calibration: calibration), 6);
    }

    [Fact]
    public void Basis_ColdFirstTaskAndReady_OutlierCappedReadySplitByCpuShare()
    {
        var spans = new List<TaskSpan>
        {
            // A cold first task: 1 s of compiling on top of 0.1 s.
            new(0, new Lane(Pid, 1), 0.5, 1.6, TaskStatus.Ok, "ok") { Cpu = 1.1, Ready = 0 },
            // An I/O task that waited 20 ms for a core once: its CPU share is 1 %, so its ready is waiting.
            new(1, new Lane(Pid, 1), 1.6, 1.7, TaskStatus.Ok, "ok") { Cpu = 0.001, Ready = 0.02 },
            new(2, new Lane(Pid, 1), 1.7, 1.8, TaskStatus.Ok, "ok") { Cpu = 0.1, Ready = 0 },
        };
        var result = new StrategyResult(StrategyIds.Sequential, 0, 1.85, 1.2, 1, 3, 0, "ok", 0, spans);

        var basis = PredictionBasis.Of(result)!;

        // The median task computes 0.1 s: the first counts at most 0.3 s.
        Assert.InRange(basis.CpuSeconds, 0.401, 0.402);
        // Before the first task (0.5 s) is not the work; after it, 0.05 s at the end.
        Assert.Equal(0.05, basis.FixedSeconds, 6);
        Assert.Equal(3, basis.Tasks);
    }

    [Fact]
    public void Basis_NoSplitMeasured_Null()
    {
        var spans = new List<TaskSpan> { new(0, new Lane(Pid, 1), 0, 0.1, TaskStatus.Ok, "ok") };
        Assert.Null(PredictionBasis.Of(new StrategyResult(StrategyIds.Sequential, 0, 0.1, 0, 1, 1, 0, "ok", 0, spans)));
    }

    [Fact]
    public void Check_RunWithSequential_EveryOtherStrategyWithMeasuredAndError()
    {
        var sequential = Sequential(10, cpu: 0, wait: 0.1);
        var threads = new StrategyResult(StrategyIds.Threads, 0, 0.125, 0, 10, 10, 0, "ok", 0, []);
        var input = FindingInput.Create(new HelloParameters(10, "x", 100), new StrategyOptions(), 2, [sequential, threads]);

        var checks = RunPrediction.Check(input);

        var check = Assert.Single(checks);
        Assert.Equal(StrategyIds.Threads, check.Strategy);
        Assert.Equal(0.1, check.PredictedSeconds, 6);
        Assert.Equal(0.125, check.MeasuredSeconds);
        Assert.Equal(-0.2, check.Error!.Value, 6);
    }

    [Fact]
    public void Check_NoSequential_Empty()
    {
        var threads = new StrategyResult(StrategyIds.Threads, 0, 0.125, 0, 10, 10, 0, "ok", 0, []);
        Assert.Empty(RunPrediction.Check(FindingInput.Create(new HelloParameters(10, "x", 100), new StrategyOptions(), 2, [threads])));
    }

    [Fact]
    public void Before_EarlierSequential_PredictsTheTickedStrategiesButTheBaseline()
    {
        IReadOnlyList<StrategyResult> earlier = [Sequential(10, cpu: 0, wait: 0.1)];

        var predictions = RunPrediction.Before(new HelloParameters(10, "x", 100), earlier,
            [StrategyIds.Sequential, StrategyIds.Async, StrategyIds.Processes], new StrategyOptions(), 2);

        Assert.True(RunPrediction.CanPredictFrom(earlier));
        Assert.Equal([StrategyIds.Async, StrategyIds.Processes], predictions.Select(p => p.Strategy));
        Assert.Equal(0.1, predictions[0].Seconds, 6);
        // No worker processes measured earlier: the defaults' start and trips are added.
        Assert.Equal(0.5 + PredictionOverheads.Default.WorkerStartSeconds + (5 * PredictionOverheads.Default.TransferSeconds), predictions[1].Seconds, 6);
    }
}
