using System.Collections.Concurrent;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// A TaskScheduler backed by its own threads (optionally at background priority), so
/// Parallel.ForEachAsync's bodies, and continuations that resume on this scheduler, never run on
/// the thread pool that serves the web server. Dispose stops and joins the threads.
/// </summary>
internal sealed class DedicatedThreadScheduler : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread[] _threads;

    [ThreadStatic]
    private static DedicatedThreadScheduler? t_owner;

    public DedicatedThreadScheduler(int threadCount, bool lowPriority, string name)
    {
        _threads = new Thread[threadCount];
        for (var i = 0; i < threadCount; i++)
        {
            _threads[i] = DedicatedThread.Create($"{name} {i}", lowPriority, Work);
            _threads[i].Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _queue.Dispose();
    }

    protected override void QueueTask(Task task) => _queue.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        t_owner == this && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Work()
    {
        t_owner = this;
        foreach (var task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }
}
