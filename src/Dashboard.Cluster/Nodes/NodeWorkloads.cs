using System.Collections.Concurrent;
using System.Text.Json;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;

namespace Dashboard.Cluster.Nodes;

/// <summary>
/// The workloads a node is running, one per repetition (job id), created from the job on its first
/// task and shared by the rest (one HTTP client, one GMP handle). Bounded: at most
/// <see cref="MaxJobs"/> are kept; the least recently used one is disposed when a new one comes, and
/// any left idle for <see cref="IdleTimeout"/> is disposed on the next use.
/// </summary>
public sealed class NodeWorkloads : IDisposable
{
    public const int MaxJobs = 8;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<Guid, Entry> _jobs = new();
    private readonly Lock _gate = new();

    /// <summary>The job and its workload; creates it on the first call for <paramref name="jobId"/>.</summary>
    public (WorkerJob Job, IWorkload Workload) Get(Guid jobId, string jobJson)
    {
        if (_jobs.TryGetValue(jobId, out var found))
        {
            found.Touch();
            return found.Value.Value;
        }

        lock (_gate)
        {
            Evict();
            var entry = _jobs.GetOrAdd(jobId, _ => new Entry(new Lazy<(WorkerJob, IWorkload)>(() => Create(jobJson))));
            entry.Touch();
            return entry.Value.Value;
        }
    }

    public void Dispose()
    {
        foreach (var id in _jobs.Keys)
        {
            Remove(id);
        }
    }

    private static (WorkerJob, IWorkload) Create(string jobJson)
    {
        var job = JsonSerializer.Deserialize(jobJson, WorkerJson.Job) ?? throw new JsonException("the job is null");
        return (job, WorkloadFactory.Create(job.Parameters, job.Environment));
    }

    private void Evict()
    {
        var now = Environment.TickCount64;
        foreach (var (id, entry) in _jobs)
        {
            if (now - entry.LastUsed > (long)IdleTimeout.TotalMilliseconds)
            {
                Remove(id);
            }
        }

        while (_jobs.Count >= MaxJobs)
        {
            Remove(_jobs.MinBy(kv => kv.Value.LastUsed).Key);
        }
    }

    private void Remove(Guid id)
    {
        if (_jobs.TryRemove(id, out var entry) && entry.Value.IsValueCreated)
        {
            try
            {
                entry.Value.Value.Item2.Dispose();
            }
            catch (Exception)
            {
                // a workload that failed to create has nothing to dispose
            }
        }
    }

    private sealed class Entry(Lazy<(WorkerJob, IWorkload)> value)
    {
        private long _lastUsed = Environment.TickCount64;

        public Lazy<(WorkerJob, IWorkload)> Value { get; } = value;

        public long LastUsed => Interlocked.Read(ref _lastUsed);

        public void Touch() => Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
    }
}
