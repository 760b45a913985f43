namespace Dashboard.Engine.Running;

/// <summary>
/// What few tasks of a repetition have (<see cref="TaskRecorder"/>), in side tables keyed by task
/// index, each made on first use: the lane's process when it is not this one, the node that ran
/// it, the split measured elsewhere, the transfer, the threads beyond the first two. A million
/// hello tasks have none of these, and pay nothing for them. Thread-safe (one lock, taken last).
/// </summary>
internal sealed class RecordedTaskExtras
{
    private readonly object _lock = new();
    private Dictionary<int, int>? _processes;
    private Dictionary<int, string>? _nodes;
    private Dictionary<int, TaskTiming>? _timings;
    private Dictionary<int, double>? _transfers;
    private Dictionary<int, List<int>>? _moreThreads;

    /// <summary>The lane's process id of <paramref name="task"/>, or <paramref name="otherwise"/> when none was set.</summary>
    public int ProcessOf(int task, int otherwise) => Get(ref _processes, task, otherwise);

    public void SetProcess(int task, int processId) => Set(ref _processes, task, processId);

    /// <summary>The lab node (silo) that ran it; null in this process and in worker processes.</summary>
    public string? NodeOf(int task) => Get(ref _nodes!, task, null);

    public void SetNode(int task, string node) => Set(ref _nodes, task, node);

    /// <summary>The split measured elsewhere (a worker process, a Python twin).</summary>
    public TaskTiming? TimingOf(int task) => Get(ref _timings!, task, null);

    public void SetTiming(int task, TaskTiming timing) => Set(ref _timings, task, timing);

    /// <summary>Transfer seconds; null when none.</summary>
    public double? TransferOf(int task) => Volatile.Read(ref _transfers) is null ? null
        : Get(ref _transfers, task, double.NaN) is var t && !double.IsNaN(t) ? t : null;

    public void SetTransfer(int task, double seconds) => Set(ref _transfers, task, seconds);

    /// <summary>The last of the threads after the first two.</summary>
    public int LastMoreThread(int task)
    {
        lock (_lock)
        {
            return _moreThreads![task][^1];
        }
    }

    public void AddMoreThread(int task, int threadId)
    {
        lock (_lock)
        {
            var all = _moreThreads ??= [];
            if (!all.TryGetValue(task, out var threads))
            {
                all[task] = threads = new List<int>(2);
            }

            threads.Add(threadId);
        }
    }

    /// <summary>Copies the threads after the first two into <paramref name="threads"/> from index 2.</summary>
    public void CopyMoreThreads(int task, int[] threads)
    {
        lock (_lock)
        {
            if (_moreThreads?.TryGetValue(task, out var more) == true)
            {
                more.CopyTo(0, threads, 2, Math.Min(more.Count, threads.Length - 2));
            }
        }
    }

    private TValue Get<TValue>(ref Dictionary<int, TValue>? table, int task, TValue otherwise)
    {
        if (Volatile.Read(ref table) is null)
        {
            return otherwise;
        }

        lock (_lock)
        {
            return table!.TryGetValue(task, out var value) ? value : otherwise;
        }
    }

    private void Set<TValue>(ref Dictionary<int, TValue>? table, int task, TValue value)
    {
        lock (_lock)
        {
            var t = table ?? [];
            t[task] = value;
            Volatile.Write(ref table, t);
        }
    }
}
