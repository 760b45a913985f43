using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Explain;
using static Dashboard.Web.Tests.Explain.ExplainRuns;

namespace Dashboard.Web.Tests.Explain;

/// <summary>One test per rule of Explain: what each says with its inputs, and when it holds back a cause.</summary>
public sealed class RunExplainerTests
{
    private static readonly GenreParameters Genre100 = new(100);
    private static readonly PowerParameters Power16 = new(150_000, 16);

    [Fact]
    public void Nature_SequentialMostlyWaited_IsIoBoundWithItsFigures()
    {
        var items = Lines(Genre100, One(StrategyIds.Sequential, 10, 0.05, 1, 100), One(StrategyIds.Async, 0.2, 0.03, 3, 100));

        var nature = Assert.Single(items, i => i.Rule == "nature");
        Assert.Equal("This run was I/O-bound: sequential used the CPU for only 50.0 ms of its 10.0 s (1%); the rest of the time it waited.", nature.Text);
        Assert.Contains(nature.Inputs, i => i.Key == "work CPU" && i.Value == "50.0 ms");
    }

    [Fact]
    public void Nature_SequentialKeptACoreBusy_IsCpuBound()
    {
        var text = Text(Lines(Power16, One(StrategyIds.Sequential, 3.8, 3.8, 1, 16)));

        Assert.Contains("This run was CPU-bound: sequential kept a core busy for 3.80 s of its 3.80 s (100%)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nature_CpuWorkThatGotLittleCpu_SaysTheMachineWasBusyNotIoBound()
    {
        var text = Text(Lines(Power16, One(StrategyIds.Sequential, 3.25, 0.51, 1, 16), One(StrategyIds.Parallel, 1.28, 0.26, 2, 16)));

        Assert.DoesNotContain("I/O-bound", text, StringComparison.Ordinal);
        Assert.Contains("sequential had the CPU for just 0.510 s of its 3.25 s (16%)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nature_PythonOnly_TakesTheInterpreterStartOutBeforeJudging()
    {
        // 0.2 s of interpreter start (busy), then 20 waits of 0.1 s using 0.03 s of CPU.
        var text = Text(Lines(new GenreParameters(20), One(PythonTwins.Key(StrategyIds.Sequential), 2.2, 0.23, 1, 20, startup: 0.2)));

        Assert.Contains("This run was I/O-bound: Python sequential used the CPU for only 30.0 ms of the 2.00 s after its 0.200 s of start-up (2%)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nature_InProcessStrategyWhoseFirstTaskStartedLate_DoesNotCallThatAStartUp()
    {
        // The race marks an in-process strategy "no start-up": the wait before its first task (10,000
        // tasks queued under load) is named as such, not as a start-up.
        var text = Text(Lines(new GenreParameters(20), One(StrategyIds.Sequential, 2.2, 0.23, 1, 20, startup: 0.2)));

        Assert.Contains("of the 2.00 s after the 0.200 s before its first task (", text, StringComparison.Ordinal);
        Assert.DoesNotContain("start-up", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Contradiction_PythonGenreWhereInterpreterStartIsMostOfTheTime_IsNotCalledCpuBound()
    {
        // Issue 19: a Python genre run was called CPU-bound because interpreter start counted in its time.
        var sequential = One(PythonTwins.Key(StrategyIds.Sequential), 0.75, 0.62, 1, 5, startup: 0.45);
        var threads = One(PythonTwins.Key(StrategyIds.Threads), 0.56, 0.5, 5, 5, startup: 0.45);

        var items = Lines(new GenreParameters(5), sequential, threads);

        var text = Text(items);
        Assert.DoesNotContain("CPU-bound", text, StringComparison.Ordinal);
        Assert.Contains("Python sequential spent 0.450 s of its 0.750 s before its first task started: too little of its time was work to tell", text, StringComparison.Ordinal);
        Assert.Contains(items, i => i.Finding == FindingIds.StartupDominates);
    }

    [Fact]
    public void Contradiction_ProcessCpuHighButTasksWaited_IsIoBoundFromTheTasksOwnCpu()
    {
        // Seen on a cold genre run: the process used 2.25 s of CPU in 3.10 s (the JIT, this dashboard and
        // the simulated targets in the same process) while the tasks' own threads ran 63 ms: Explain said
        // CPU-bound beside a time split of 88 % waiting.
        var sequential = One(StrategyIds.Sequential, 3.10, 2.25, 1, 8, taskSeconds: 0.38);
        sequential = sequential with { Spans = [.. sequential.Spans.Select(s => s with { Cpu = 0.063 / 8, Ready = 0.036 })] };

        var items = Lines(new GenreParameters(8), Machine(280), sequential, One(StrategyIds.Async, 0.31, 0.16, 1, 8, taskSeconds: 0.3));

        var nature = Assert.Single(items, i => i.Rule == "nature");
        Assert.StartsWith("This run was I/O-bound: sequential used the CPU for only 63.0 ms of its 3.10 s (2%)", nature.Text, StringComparison.Ordinal);
        Assert.Contains(nature.Inputs, i => i.Key == "CPU of" && i.Value == "the tasks' threads");
        var text = Text(items);
        Assert.DoesNotContain("CPU-bound", text, StringComparison.Ordinal);
        Assert.DoesNotContain("2.25 s of CPU", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Fastest_BeyondNoise_SaysFasterAndWhy()
    {
        var items = Lines(Genre100,
            [.. Reps(StrategyIds.Sequential, [10.0, 10.1, 10.2], 0.05, 1, 100), .. Reps(StrategyIds.Async, [0.20, 0.21, 0.22], 0.03, 3, 100)]);

        var fastest = Assert.Single(items, i => i.Rule == "fastest");
        Assert.Equal("Async was the fastest: 100 tasks in 0.210 s, 48x faster than sequential (10.1 s), beyond noise: the ranges of 3 repetitions do not overlap. " +
            "A task that awaits holds no thread, so its waits overlapped on 3 threads.", fastest.Text);
    }

    [Fact]
    public void Fastest_OneRepetition_GivesTheFiguresAndNoCause()
    {
        var fastest = Assert.Single(Lines(Genre100, One(StrategyIds.Sequential, 10, 0.05, 1, 100), One(StrategyIds.Async, 0.2, 0.03, 3, 100)),
            i => i.Rule == "fastest");

        Assert.Equal("Async was the fastest: 100 tasks in 0.200 s against sequential's 10.0 s (50x): within noise: repeat at least 3 times to tell.", fastest.Text);
    }

    [Fact]
    public void Fastest_ThreeRepetitionsWhoseRangesOverlap_IsWithinNoise()
    {
        var fastest = Assert.Single(Lines(Power16,
            [.. Reps(StrategyIds.Sequential, [1.0, 1.2, 1.4], 1.0, 1, 16), .. Reps(StrategyIds.Threads, [0.9, 1.1, 1.3], 1.0, 16, 16)]),
            i => i.Rule == "fastest");

        Assert.EndsWith("within noise: the ranges of 3 repetitions overlap.", fastest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("computed on", fastest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Contradiction_Forty4MillisecondsOnOneRepetition_NamesNoWinnerAndNoCause()
    {
        // Issue 19: "Async inside 2 processes beat async alone" from 44 ms on one repetition.
        var text = Text(Lines(new GenreParameters(20),
            One(StrategyIds.Sequential, 2.05, 0.03, 1, 20), One(StrategyIds.Async, 0.248, 0.03, 3, 20), One(StrategyIds.AsyncProcesses, 0.204, 0.1, 2, 20)));

        Assert.DoesNotContain("beat", text, StringComparison.Ordinal);
        Assert.Contains("Async alone took 0.248 s, async inside 2 processes 0.204 s: within noise: repeat at least 3 times to tell.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AsyncProcesses_BeyondNoise_SaysWhyItBeatAsync()
    {
        var text = Text(Lines(new ScrapeParameters(100),
        [
            .. Reps(StrategyIds.Sequential, [25.5, 25.6, 25.7], 5.5, 1, 100), .. Reps(StrategyIds.Async, [4.5, 4.6, 4.7], 5.4, 3, 100),
            .. Reps(StrategyIds.AsyncProcesses, [2.6, 2.7, 2.8], 5.6, 2, 100),
        ]));

        Assert.Contains("Async + processes (2.70 s) beat async alone (4.60 s), beyond noise", text, StringComparison.Ordinal);
        Assert.Contains("The CPU part of the tasks ran on 2 cores", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Queue_BeyondNoise_SaysTheWaitsBecameAQueue_OneRepetitionOnlyTheLimit()
    {
        StrategyResult[] three =
        [
            .. Reps(StrategyIds.Sequential, [10.1, 10.2, 10.3], 0.03, 1, 100), .. Reps(StrategyIds.Async, [0.14, 0.15, 0.16], 0.02, 2, 100),
            .. Reps(StrategyIds.Parallel, [5.0, 5.1, 5.2], 0.03, 2, 100),
        ];

        Assert.Contains("Parallel waited on only 2 tasks at a time (degree = 2 cores), so 100 waits became a queue: 5.10 s against async's 0.150 s, beyond noise",
            Text(Lines(Genre100, three)), StringComparison.Ordinal);

        var once = Text(Lines(Genre100, One(StrategyIds.Sequential, 10.1, 0.03, 1, 100), One(StrategyIds.Async, 0.14, 0.02, 2, 100), One(StrategyIds.Parallel, 5.1, 0.03, 2, 100)));
        Assert.Contains("Parallel waits on only 2 tasks at a time (degree = 2 cores): 5.10 s against async's 0.140 s: within noise: repeat at least 3 times to tell.", once, StringComparison.Ordinal);
        Assert.DoesNotContain("became a queue", once, StringComparison.Ordinal);
    }

    [Fact]
    public void AsyncOnCpu_NoGain_SaysTheTasksComputeRatherThanWait()
    {
        var text = Text(Lines(Power16, One(StrategyIds.Sequential, 3.8, 3.8, 1, 16), One(StrategyIds.Async, 3.7, 3.7, 1, 16)));

        Assert.Contains("Async gained nothing here (1.0x against sequential, 3.70 s): await overlaps waits, and these tasks do not wait, they compute", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcessStart_MeasuredBeforeTheFirstTask_AndACauseOnlyBeyondNoise()
    {
        StrategyResult[] results =
        [
            .. Reps(StrategyIds.Sequential, [3.0, 3.01, 3.02], 3.0, 1, 16, 0.19), .. Reps(StrategyIds.Parallel, [1.55, 1.56, 1.57], 3.0, 2, 16, 0.19),
            .. Reps(StrategyIds.Processes, [1.65, 1.66, 1.67], 3.1, 2, 16, 0.19, startup: 0.04),
        ];

        var text = Text(Lines(Power16, results));

        Assert.Contains("Processes started its first task 40.0 ms in (starting 2 worker processes; a thread starts in microseconds). " +
            "It took 1.66 s, 0.100 s more than parallel (1.56 s), beyond noise", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterCost_BeyondNoise_SaysWhatEachGrainCallCost()
    {
        var text = Text(Lines(Power16,
        [
            .. Reps(StrategyIds.Sequential, [3.0, 3.01, 3.02], 3.0, 1, 16), .. Reps(StrategyIds.Processes, [1.6, 1.61, 1.62], 3.1, 2, 16),
            .. Reps(StrategyIds.Cluster, [1.76, 1.77, 1.78], 0.2, 4, 16),
        ]));

        Assert.Contains("The cluster took 1.77 s against 1.61 s for processes, beyond noise", text, StringComparison.Ordinal);
        Assert.Contains("10.0 ms more per task", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_NamesWhoReachedTheLimitAndWhatHeldTheOthersBack()
    {
        // Sequential: 1.40 s of CPU. Limit at two lanes, calibrated x1.90: 0.737 s. Parallel 0.75 s (98 %);
        // threads 0.78 s with 1.75 s of CPU (+25 %); thread pool 0.78 s with 1.20 s of CPU: 1.54 of 2 lanes busy;
        // processes 0.90 s of which 0.150 s before its first task. Each lost less than tasks-too-short needs.
        var calibration = new Engine.Statistics.CpuCalibration("gmp", 1_000_000, 16, 2, 3, 0.76, 0.40, DateTimeOffset.UnixEpoch);
        var items = Lines(new PowerParameters(), Machine(calibration: calibration),
            One(StrategyIds.Sequential, 1.42, 1.40, 1, 16, 0.088), One(StrategyIds.Parallel, 0.75, 1.41, 2, 16, 0.088),
            One(StrategyIds.Threads, 0.78, 1.75, 16, 16, 0.088), One(StrategyIds.ThreadPool, 0.78, 1.20, 6, 16, 0.088),
            One(StrategyIds.Processes, 0.90, 1.40, 2, 16, 0.088, startup: 0.15));
        var text = Text(items);

        Assert.DoesNotContain(items, i => i.Finding is not null);
        Assert.Contains("At the CPU limit (95% or more): sequential 99%, parallel 98%.", text, StringComparison.Ordinal);
        Assert.Contains("Threads reached 94% of its CPU limit (0.737 s: 1.40 s of CPU over x1.90 (2 lanes, calibrated)): it spent 1.75 s of CPU, 25% more than sequential's 1.40 s", text, StringComparison.Ordinal);
        Assert.Contains("Thread pool reached 94% of its CPU limit", text, StringComparison.Ordinal);
        Assert.Contains("on average 1.54 of its 2 lanes were computing", text, StringComparison.Ordinal);
        Assert.Contains("0.150 s of its 0.163 s over the limit went by before its first task started", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Contradiction_PythonCpuAgainstDotnetSequential_EachRuntimeAgainstItsOwn()
    {
        // Issue 19: Python's CPU was compared with .NET sequential's ("2098% more").
        var text = Text(Lines(Power16,
            One(StrategyIds.Sequential, 0.11, 0.11, 1, 16, 0.007), One(PythonTwins.Key(StrategyIds.Sequential), 2.5, 2.4, 1, 16, 0.15),
            One(PythonTwins.Key(StrategyIds.ThreadPool), 2.5, 2.42, 6, 16, 0.15)));

        Assert.DoesNotContain("2098%", text, StringComparison.Ordinal);
        Assert.DoesNotContain("more than sequential's 0.110 s", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Contradiction_DotnetThreadsThatLost_AreNotSaidToRunOnTheirOwnCores()
    {
        // Issue 19: ".NET threads x0.68 (no GIL: each thread runs on its own core)" when threads lost.
        var text = Text(Lines(Power16,
            One(StrategyIds.Sequential, 0.11, 0.11, 1, 16, 0.007), One(StrategyIds.Threads, 0.162, 0.15, 16, 16, 0.1),
            One(PythonTwins.Key(StrategyIds.Sequential), 2.5, 2.4, 1, 16, 0.15), One(PythonTwins.Key(StrategyIds.Threads), 2.45, 2.4, 16, 16, 1.2)));

        Assert.DoesNotContain("no GIL", text, StringComparison.Ordinal);
        Assert.Contains("threads x0.68 (slower than sequential: within noise: repeat at least 3 times to tell)", text, StringComparison.Ordinal);
        Assert.Contains("Python threads x1.02 (against Python sequential: within noise: repeat at least 3 times to tell)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Runtimes_DotnetThreadsFasterBeyondNoise_SayNoGil()
    {
        var text = Text(Lines(new PowerParameters(Count: 16),
        [
            .. Reps(StrategyIds.Sequential, [4.0, 4.01, 4.02], 4, 1, 16, 0.25), .. Reps(StrategyIds.Threads, [2.1, 2.11, 2.12], 4, 16, 16, 0.25),
            .. Reps(PythonTwins.Key(StrategyIds.Sequential), [10, 10.1, 10.2], 10, 1, 16, 0.6),
            .. Reps(PythonTwins.Key(StrategyIds.Threads), [9.8, 9.9, 10.0], 10, 16, 16, 0.6),
            .. Reps(PythonTwins.Key(StrategyIds.Processes), [5.5, 5.6, 5.7], 10, 2, 16, 0.6),
        ]));

        Assert.Contains("Each against its own sequential: Python threads x1.02 (the GIL lets one thread run Python code at a time); " +
            "Python processes x1.80 (each process has its own interpreter and GIL); threads x1.90 (no GIL: its threads computed on several cores at once).", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_RankedWithTheRest_FailuresFirst_AndNotSaidAgainInProse()
    {
        var failing = One(StrategyIds.Threads, 0.3, 0.01, 10, 10) with
        {
            TasksOk = 7,
            TasksFailed = 3,
        };
        failing = failing with
        {
            Spans = [.. failing.Spans.Select((s, i) => i < 3 ? s with { Status = Engine.Running.TaskStatus.Failed, Detail = "timed out" } : s)],
        };

        var items = Lines(new GenreParameters(10), One(StrategyIds.Sequential, 1.0, 0.01, 1, 10), failing);

        var first = items[0];
        Assert.Equal((FindingIds.Failures, FindingSeverity.Error), (first.Finding, first.Severity));
        Assert.Equal("Threads: tasks failed. 3 of 10 tasks failed: 3 × \"timed out\".", first.Text);
        Assert.Single(items, i => i.Text.Contains("3 of 10", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Rule == "limits" && i.Text.EndsWith("see the warning \"tasks failed\".", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryLine_ComesFromARuleWithItsInputs()
    {
        var items = Lines(Genre100,
        [
            .. Reps(StrategyIds.Sequential, [10.0, 10.1, 10.2], 0.05, 1, 100), .. Reps(StrategyIds.Threads, [0.15, 0.16, 0.17], 0.04, 100, 100),
            .. Reps(StrategyIds.ThreadPool, [1.7, 1.71, 1.72], 0.04, 6, 100), .. Reps(StrategyIds.Async, [0.2, 0.21, 0.22], 0.03, 3, 100),
            .. Reps(StrategyIds.Parallel, [5.0, 5.1, 5.2], 0.03, 2, 100), .. Reps(StrategyIds.Processes, [5.1, 5.2, 5.3], 0.2, 2, 100, startup: 0.04),
            .. Reps(StrategyIds.AsyncProcesses, [0.25, 0.26, 0.27], 0.2, 2, 100, startup: 0.04),
        ]);

        Assert.True(items.Count > RunExplainer.Shown, $"{items.Count} lines");
        Assert.All(items, i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.Rule));
            Assert.NotEmpty(i.Inputs);
            Assert.StartsWith(i.Rule, i.Source, StringComparison.Ordinal);
        });
        Assert.Equal(items.OrderByDescending(i => i.Rank).Select(i => i.Text), items.Select(i => i.Text));
    }

    [Fact]
    public void NothingFinished_SaysNothing()
    {
        Assert.Empty(RunExplainer.Explain(new ExplainInput(WorkloadKind.IoBound, new GenreParameters(5), new StrategyOptions(), 2, [])));
    }
}
