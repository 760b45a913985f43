namespace Dashboard.Engine.Running;

/// <summary>What the recorder's columns say once tasks have ended: spans, the tally, outputs, the last end.</summary>
internal sealed partial class TaskRecorder
{
    /// <summary>The ended task as a span on the repetition's time axis (seconds since <see cref="Origin"/>), its split as it is now.</summary>
    public TaskSpan ToSpan(int task)
    {
        lock (_times.LockOf(task))
        {
            ref var row = ref _tasks[task];
            var start = MonotonicClock.Seconds(Origin, row.Start);
            var end = MonotonicClock.Seconds(Origin, row.End);
            var timing = _extras.TimingOf(task);
            (double? Cpu, double? Ready) split = timing is not null ? TaskTiming.Within(timing.Cpu, timing.Ready, end - start) : (null, null);
            var segments = timing?.Segments;
            if (RecordedTask.Has(row.State, RecordedTask.TrackedFlag))
            {
                var (cpuNs, readyNs, outside, own) = _times.Read(task);
                segments = own;
                if (_measure && !outside)
                {
                    split = TaskTiming.Within(cpuNs / 1e9, readyNs / 1e9, end - start);
                }
            }

            return new TaskSpan(task, LaneOf(task, ref row), start, end, RecordedTask.StatusOf(row.State), row.Detail, _extras.NodeOf(task))
            {
                Threads = Threads(task, ref row),
                Cpu = split.Cpu,
                Ready = split.Ready,
                Transfer = _extras.TransferOf(task) is { } transfer ? Math.Round(transfer, 6) : null,
                Segments = TaskTiming.SegmentsFrom(segments, Origin, start, end),
            };
        }
    }

    /// <summary>How many tasks ended ok and failed, and on how many lanes the tasks that ran did (one pass, no spans made).</summary>
    public (int Ok, int Failed, int Lanes) Tally()
    {
        var ok = 0;
        var failed = 0;
        var lanes = new HashSet<Lane>();
        for (var i = 0; i < _tasks.Length; i++)
        {
            lock (_times.LockOf(i))
            {
                ref var row = ref _tasks[i];
                if (!RecordedTask.Has(row.State, RecordedTask.TerminalFlag))
                {
                    continue;
                }

                var status = RecordedTask.StatusOf(row.State);
                ok += status == TaskStatus.Ok ? 1 : 0;
                failed += status == TaskStatus.Failed ? 1 : 0;
                if (status != TaskStatus.Cancelled || row.End > row.Start)
                {
                    lanes.Add(LaneOf(i, ref row));
                }
            }
        }

        return (ok, failed, lanes.Count);
    }

    /// <summary>
    /// Task index -> output summary of every task that completed, in task order: a view of the
    /// recorder's rows (read when the tasks have ended), not a dictionary of a million entries.
    /// </summary>
    public IReadOnlyDictionary<int, string> Outputs() => new RecordedOutputs(this);

    /// <summary>The task's output when it completed ok (<see cref="RecordedOutputs"/>).</summary>
    internal bool TryGetOutput(int task, out string output)
    {
        output = string.Empty;
        if ((uint)task >= (uint)_tasks.Length)
        {
            return false;
        }

        lock (_times.LockOf(task))
        {
            ref var row = ref _tasks[task];
            if (!RecordedTask.Has(row.State, RecordedTask.TerminalFlag) || RecordedTask.StatusOf(row.State) != TaskStatus.Ok)
            {
                return false;
            }

            output = row.Detail ?? string.Empty;
            return true;
        }
    }

    /// <summary>Latest end timestamp of any task, or null when none ended.</summary>
    public long? LastEnd()
    {
        long? last = null;
        for (var i = 0; i < _tasks.Length; i++)
        {
            lock (_times.LockOf(i))
            {
                ref var row = ref _tasks[i];
                if (RecordedTask.Has(row.State, RecordedTask.TerminalFlag) && (last is null || row.End > last))
                {
                    last = row.End;
                }
            }
        }

        return last;
    }

    /// <summary>The threads, in order; null when none was recorded. Call under its lock.</summary>
    private int[]? Threads(int task, ref RecordedTask row)
    {
        var count = RecordedTask.ThreadCountOf(row.State);
        if (count == 0)
        {
            return null;
        }

        var threads = new int[count];
        threads[0] = row.Thread0;
        if (count > 1)
        {
            threads[1] = row.Thread1;
            if (count > 2)
            {
                _extras.CopyMoreThreads(task, threads);
            }
        }

        return threads;
    }
}
