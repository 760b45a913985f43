using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using static Dashboard.Engine.Tests.Findings.CraftedRuns;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Engine.Tests.Findings;

/// <summary>Each finder fires on a crafted run that shows its symptom and stays silent on the healthy twin of that run.</summary>
public sealed class FinderTests
{
    private static readonly PowerParameters Power16 = new(Start: 150_000, Count: 16);

    [Fact]
    public void Failures_FailedTasks_GroupedByReasonMostFrequentFirst()
    {
        var spans = Enumerable.Range(0, 10).Select(i => new TaskSpan(i, new Lane(Pid, 1), 0, 0.1,
            i < 7 ? TaskStatus.Ok : TaskStatus.Failed,
            i switch { 7 => "500 Internal Server Error", < 7 => "genre", _ => "timed out after 5 s" })).ToList();
        var threads = new StrategyResult(StrategyIds.Threads, 0, 0.2, 0.01, 10, 7, 3, "ok", 0, spans);

        var finding = Assert.Single(Run(new FailuresFinder(), new GenreParameters(10), threads));

        Assert.Equal((FindingIds.Failures, FindingSeverity.Error, "threads", "dotnet"), (finding.Id, finding.Severity, finding.Strategy, finding.Runtime));
        Assert.Equal("3 of 10 tasks failed: 2 × \"timed out after 5 s\"; 1 × \"500 Internal Server Error\".", finding.Text);
        Assert.Equal(3, finding.Figures["failedTasks"]);
        Assert.Equal(2, finding.Figures["reasons"]);
    }

    [Fact]
    public void Failures_AllTasksOk_Silent()
    {
        var threads = Result(StrategyIds.Threads, 0.2, 0.01, AllAtOnce(10, 0.1));

        Assert.Empty(Run(new FailuresFinder(), new GenreParameters(10), threads));
    }

    [Fact]
    public void SyncOverAsync_QueueGrewWhilePoolAddedThreads_FiresWithThoseFigures()
    {
        var blocked = Result(StrategyIds.SyncOverAsync, 2.2, 0.3, AllAtOnce(200, 0.1)) with
        {
            Counters = [Sample(0.05, poolThreads: 2, queue: 190), Sample(1.0, poolThreads: 12, queue: 120), Sample(2.0, poolThreads: 23, queue: 3)],
        };
        var async = Result(StrategyIds.Async, 0.11, 0.05, AllAtOnce(200, 0.1)) with { Counters = [Sample(0.05)] };

        var finding = Assert.Single(Run(new SyncOverAsyncFinder(), new GenreParameters(200), blocked, async));

        Assert.Equal(StrategyIds.SyncOverAsync, finding.Strategy);
        Assert.Equal(190, finding.Figures["queuePeak"]);
        Assert.Equal((2, 23), (finding.Figures["poolThreadsStart"], finding.Figures["poolThreadsPeak"]));
        Assert.Contains("up to 190 work items waited in the pool's queue", finding.Text, StringComparison.Ordinal);
        Assert.Contains("where async took 0.110 s", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void SyncOverAsync_PoolNeverQueued_OrAStrategyThatAwaits_Silent()
    {
        var quiet = Result(StrategyIds.SyncOverAsync, 0.12, 0.02, AllAtOnce(4, 0.1)) with
        {
            Counters = [Sample(0.05, poolThreads: 8), Sample(0.1, poolThreads: 8)],
        };
        var async = Result(StrategyIds.Async, 0.11, 0.05, AllAtOnce(200, 0.1)) with
        {
            Counters = [Sample(0.05, poolThreads: 2, queue: 50), Sample(0.1, poolThreads: 4, queue: 0)],
        };

        Assert.Empty(Run(new SyncOverAsyncFinder(), new GenreParameters(4), quiet));
        Assert.Empty(Run(new SyncOverAsyncFinder(), new GenreParameters(200), async));
    }

    [Fact]
    public void GilBound_PythonThreadsTakingTurnsOnOneCore_FiresWithTheShareEachGot()
    {
        // 16 threads start at 0.05 s (after the interpreter), the GIL runs their tasks one after another.
        var spans = Enumerable.Range(0, 16).Select(i => (0.05, 0.05 + ((i + 1) * 0.1)));
        var threads = Result(PythonTwins.Key(StrategyIds.Threads), 1.66, 1.65, spans);

        var finding = Assert.Single(Run(new GilBoundFinder(), Power16, threads));

        Assert.Equal(("threads", "python"), (finding.Strategy, finding.Runtime));
        Assert.Equal(8.5, finding.Figures["inFlight"], 6);
        Assert.Equal(1.0, finding.Figures["cores"], 2);
        Assert.Contains("each thread got about 0.12 of a core", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GilBound_ProcessesOnTwoCores_ThreadsWaitingOnIo_OrDotnetThreads_Silent()
    {
        var spans = Enumerable.Range(0, 16).Select(i => (0.05, 0.05 + ((i + 1) * 0.1))).ToList();
        var processes = Result(PythonTwins.Key(StrategyIds.Processes), 0.9, 1.7, OneByOne(8, 0.1, 0.05).Concat(OneByOne(8, 0.1, 0.05)), lanes: 2);
        var waiting = Result(PythonTwins.Key(StrategyIds.Threads), 0.45, 0.08, AllAtOnce(16, 0.1, 0.3));
        var dotnet = Result(StrategyIds.Threads, 1.66, 1.65, spans);

        Assert.Empty(Run(new GilBoundFinder(), Power16, processes));
        Assert.Empty(Run(new GilBoundFinder(), new GenreParameters(16), waiting));
        Assert.Empty(Run(new GilBoundFinder(), Power16, dotnet));
    }

    [Fact]
    public void GilBound_BusyMachineGaveTheInterpreterAThirdOfACore_FiresWhenTheSplitShowsTasksComputingOrReady()
    {
        // Four threads in flight for 3 s while the interpreter got 0.3 of a core: the load's doing.
        // Their split says where the rest went: ready (the GIL's turns, the run queue), not waiting.
        var computing = Result(PythonTwins.Key(StrategyIds.Threads), 3.05, 0.95, AllAtOnce(4, 3.0, 0.05));
        computing = computing with { Spans = [.. computing.Spans.Select(s => s with { Cpu = 0.22, Ready = 2.7 })] };
        var waiting = computing with { Spans = [.. computing.Spans.Select(s => s with { Cpu = 0.22, Ready = 0.3 })] };

        var finding = Assert.Single(Run(new GilBoundFinder(), Power16, computing));

        Assert.Equal(0.3, finding.Figures["cores"], 2);
        Assert.Empty(Run(new GilBoundFinder(), Power16, waiting));
    }

    [Fact]
    public void TasksTooShort_SevenMillisecondTasksOnThreadsSlowerThanSequential_Fires()
    {
        // The power Quick case with GMP: 16 tasks of 7 ms; threads took 0.165 s against a 0.056 s limit.
        var sequential = Result(StrategyIds.Sequential, 0.112, 0.112, OneByOne(16, 0.007));
        var threads = Result(StrategyIds.Threads, 0.165, 0.15, AllAtOnce(16, 0.15), lanes: 16);

        var finding = Assert.Single(Run(new TasksTooShortFinder(), Power16, sequential, threads));

        Assert.Equal(StrategyIds.Threads, finding.Strategy);
        Assert.Equal(0.007, finding.Figures["taskSeconds"], 9);
        Assert.Equal((0.165 - 0.056) * 2 / 16, finding.Figures["overheadSeconds"], 9);
        Assert.Contains("Its tasks take 7.00 ms each (sequential's median)", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TasksTooShort_TutorialSizedTasksNearTheLimit_OrIoWork_Silent()
    {
        var sequential = Result(StrategyIds.Sequential, 0.88, 0.88, OneByOne(16, 0.055));
        var parallel = Result(StrategyIds.Parallel, 0.47, 0.9, OneByOne(8, 0.058).Concat(OneByOne(8, 0.058)), lanes: 2);
        var genreSequential = Result(StrategyIds.Sequential, 1.6, 0.02, OneByOne(16, 0.1));
        var genreParallel = Result(StrategyIds.Parallel, 0.9, 0.02, OneByOne(8, 0.1).Concat(OneByOne(8, 0.1)), lanes: 2);

        Assert.Empty(Run(new TasksTooShortFinder(), new PowerParameters(Count: 16), sequential, parallel));

        // The power case on a machine so busy that sequential had the CPU 14% of its time: the machine's loss, not the tasks'.
        var starved = Result(StrategyIds.Sequential, 0.8, 0.112, OneByOne(16, 0.05));
        Assert.Empty(Run(new TasksTooShortFinder(), Power16, starved, Result(StrategyIds.Threads, 1.2, 0.15, AllAtOnce(16, 1.1), lanes: 16)));
        Assert.Empty(Run(new TasksTooShortFinder(), new GenreParameters(16), genreSequential, genreParallel));
    }

    [Fact]
    public void TasksTooShort_SequentialsTasksHadTheCpuHalfTheTime_SilentThoughTheProcessLookedBusy()
    {
        // The walk's power Quick run with two helpers building: sequential's process CPU was 72% of its
        // wall (the dashboard serving the page counts too), its tasks' own CPU 48%: Explain said other
        // work held the cores, so no finder may call the lost time a cost per task.
        var heldBack = Result(StrategyIds.Sequential, 1.93, 1.38, OneByOne(16, 0.12));
        heldBack = heldBack with { Spans = [.. heldBack.Spans.Select(s => s with { Cpu = 0.058, Ready = 0.06 })] };
        var threads = Result(StrategyIds.Threads, 2.75, 1.95, AllAtOnce(16, 2.7), lanes: 16);

        Assert.Empty(Run(new TasksTooShortFinder(), Power16, heldBack, threads));

        // The same run whose tasks had their core (their own CPU 92% of the wall): the loss is the strategy's.
        var busy = heldBack with { Spans = [.. heldBack.Spans.Select(s => s with { Cpu = 0.111, Ready = 0.005 })] };
        Assert.Equal(StrategyIds.Threads, Assert.Single(Run(new TasksTooShortFinder(), Power16, busy, threads)).Strategy);
    }

    [Fact]
    public void StartupDominates_PythonInterpreterStartOverHalfTheWall_Fires()
    {
        var asyncio = Result(PythonTwins.Key(StrategyIds.Async), 0.42, 0.35, AllAtOnce(5, 0.1, from: 0.31));

        var finding = Assert.Single(Run(new StartupDominatesFinder(), new GenreParameters(5), asyncio));

        Assert.Equal(("async", "python"), (finding.Strategy, finding.Runtime));
        Assert.Equal(0.31, finding.Figures["startupSeconds"], 9);
        Assert.Equal("0.310 s of 0.420 s was interpreter start (starting the Python interpreter and its imports, 74%); the tasks took 0.110 s.", finding.Text);
    }

    [Fact]
    public void StartupDominates_ClusterNodeStartMostOfTheWall_SaysNodeStartAndWhatTheTasksTook()
    {
        // The run: 9.5 s of node start, then 8 waits of 0.2 s together on two nodes, a 10.4 s wall.
        var cluster = Result(StrategyIds.Cluster, 10.4, 0.3, AllAtOnce(8, 0.2, from: 9.5), lanes: 4);

        var finding = Assert.Single(Run(new StartupDominatesFinder(), new HelloParameters(8, "Ada", 200), cluster));

        Assert.Equal("9.50 s of 10.4 s was node start (starting and joining the lab nodes, 91%); the tasks took 0.900 s.", finding.Text);
        Assert.Equal((9.5, 10.4, 0.9), (finding.Figures["startupSeconds"], finding.Figures["wallSeconds"], Math.Round(finding.Figures["tasksSeconds"], 9)));
    }

    [Fact]
    public void StartupDominates_ProcessesWorkerStartMostOfTheWall_SaysWorkerStart()
    {
        var processes = Result(StrategyIds.Processes, 0.5, 0.4, OneByOne(4, 0.02, from: 0.4), lanes: 2);

        var finding = Assert.Single(Run(new StartupDominatesFinder(), new HelloParameters(4, "Ada", 20), processes));

        Assert.Equal("0.400 s of 0.500 s was worker start (starting its worker processes, 80%); the tasks took 0.100 s.", finding.Text);
    }

    [Fact]
    public void StartupDominates_ThreeRepetitions_MediansOfEach_SaidAsMedians()
    {
        var reps = new[] { (1.0, 0.8), (1.2, 0.9), (1.1, 1.0) }
            .Select((p, i) => Result(StrategyIds.Processes, p.Item1, 0.4, AllAtOnce(2, 0.05, from: p.Item2), repetition: i, lanes: 2)).ToArray();

        var finding = Assert.Single(Run(new StartupDominatesFinder(), new HelloParameters(2, "Ada", 50), reps));

        Assert.Equal("Medians of 3 repetitions: 0.900 s of 1.10 s was worker start (starting its worker processes, 82%); the tasks took 0.200 s.", finding.Text);
    }

    [Fact]
    public void StartupDominates_ShortStartLongWork_OrInProcess_Silent()
    {
        var processes = Result(StrategyIds.Processes, 1.0, 1.9, OneByOne(8, 0.12, 0.04), lanes: 2);
        var threads = Result(StrategyIds.Threads, 0.5, 0.01, AllAtOnce(5, 0.1, from: 0.4));

        Assert.Empty(Run(new StartupDominatesFinder(), Power16, processes));
        Assert.Empty(Run(new StartupDominatesFinder(), new GenreParameters(5), threads));
    }

    [Fact]
    public void UnevenShares_WorkersFinishingThirtyPercentApart_Fires()
    {
        var first = OneByOne(4, 0.175, 0.0).Select(s => (s, 100));
        var second = OneByOne(4, 0.25, 0.0).Select(s => (s, 200));
        var spans = first.Concat(second).Select((p, i) => new TaskSpan(i, new Lane(p.Item2, 1), p.s.Start, p.s.End, TaskStatus.Ok, "ok")).ToList();
        var processes = new StrategyResult(StrategyIds.Processes, 0, 1.0, 1.6, 2, 8, 0, "ok", 0, spans);

        var finding = Assert.Single(Run(new UnevenSharesFinder(), new PowerParameters(Count: 8), processes));

        Assert.Equal(2, finding.Figures["workers"]);
        Assert.Equal(0.3, finding.Figures["gapShare"], 9);
        Assert.Contains("Its 2 workers finished 0.300 s apart (30% of 1.00 s)", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void UnevenShares_WorkersFinishingTogether_OrThreadsInProcess_Silent()
    {
        var spans = OneByOne(4, 0.25).Select((s, i) => new TaskSpan(i, new Lane(100, 1), s.Start, s.End, TaskStatus.Ok, "ok"))
            .Concat(OneByOne(4, 0.245).Select((s, i) => new TaskSpan(4 + i, new Lane(200, 1), s.Start, s.End, TaskStatus.Ok, "ok")))
            .ToList();
        var even = new StrategyResult(StrategyIds.Processes, 0, 1.0, 1.9, 2, 8, 0, "ok", 0, spans);
        var threadpool = Result(StrategyIds.ThreadPool, 1.0, 1.6, OneByOne(4, 0.175).Concat(OneByOne(4, 0.25)), lanes: 2);

        Assert.Empty(Run(new UnevenSharesFinder(), new PowerParameters(Count: 8), even));
        Assert.Empty(Run(new UnevenSharesFinder(), new PowerParameters(Count: 8), threadpool));
    }

    [Fact]
    public void KernelBound_SystemTimeMostOfTheCpu_FiresWithWhatTheKernelDidForThisWorkload()
    {
        var async = Result(StrategyIds.Async, 0.9, 1.2, AllAtOnce(1_000, 0.1)) with
        {
            Counters = [Sample(0.1, user: 20, system: 80), Sample(0.2, user: 20, system: 80)],
        };
        var input = Input(new GenreParameters(1_000), async) with { OutputFileSystem = "ext4" };

        var finding = Assert.Single(new KernelBoundFinder().Find(input));

        Assert.Equal(0.8, finding.Figures["systemShare"], 9);
        Assert.Contains("System time was 80% of its 1.20 s of CPU", finding.Text, StringComparison.Ordinal);
        Assert.Contains("creating 1,000 files in one folder on ext4", finding.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60, 40, 1.2)]   // mostly user time
    [InlineData(50, 50, 1.2)]   // exactly half is not most
    [InlineData(10, 90, 0.02)]  // too little CPU to tell
    public void KernelBound_NotMostlySystemTime_OrTooLittleCpu_Silent(double user, double system, double cpu)
    {
        var async = Result(StrategyIds.Async, 0.9, cpu, AllAtOnce(10, 0.1)) with
        {
            Counters = [Sample(0.1, user: user, system: system)],
        };

        Assert.Empty(Run(new KernelBoundFinder(), new GenreParameters(10), async));
    }
}
