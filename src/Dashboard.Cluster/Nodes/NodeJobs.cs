using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Dashboard.Cluster.Grains;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;

namespace Dashboard.Cluster.Nodes;

/// <summary>
/// The jobs a node is running, one workload per job (a repetition's sends), made on its first task
/// and shared by the rest (one HTTP client, one GMP handle). Every field of a job is checked first,
/// and the workload's environment is this node's own: targets from <see cref="NodeTargets"/>, files
/// in the folder <see cref="NodeOutputs"/> derives; anything else is refused with the reason
/// (<see cref="TaskRefusedException"/>). Bounded: at most <see cref="MaxJobs"/> are kept; the least
/// recently used one is disposed when a new one comes, and any left idle for <see cref="IdleTimeout"/>
/// is disposed on the next use.
/// </summary>
public sealed class NodeJobs(NodeTargets targets, NodeOutputs outputs) : IDisposable
{
    public const int MaxJobs = 8;
    public const int MaxParametersLength = 4_096;
    public const int MaxCapabilityLength = 256;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(2);

    // The worker protocol's metadata, strict: a field no workload has (an address, a folder) is refused, not skipped.
    private static readonly JsonTypeInfo<WorkloadParameters> StrictParameters = (JsonTypeInfo<WorkloadParameters>)
        new JsonSerializerOptions(WorkerJson.Parameters.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow }
            .GetTypeInfo(typeof(WorkloadParameters));

    private readonly ConcurrentDictionary<Guid, Entry> _jobs = new();
    private readonly Lock _gate = new();

    /// <summary>
    /// The workload of <paramref name="call"/>'s job, its task and send number checked first; made on
    /// the first call for the job's id, its folder readied for the repetition's tasks.
    /// </summary>
    /// <exception cref="TaskRefusedException">The call names something this node does not accept.</exception>
    public IWorkload Get(TaskCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Get(call.Job, call);
    }

    /// <summary>The workload of <paramref name="job"/> as it is (its folder untouched), to check the files its tasks wrote.</summary>
    /// <exception cref="TaskRefusedException">The job names something this node does not accept.</exception>
    public IWorkload Get(NodeJob job) => Get(job, null);

    private IWorkload Get(NodeJob job, TaskCall? call)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (_jobs.TryGetValue(job.JobId, out var found))
        {
            var known = found.Use(job);
            CheckTask(call, known.Parameters);
            return known;
        }

        // Before anything is made: a call that is refused leaves no trace on disk.
        var parameters = Check(job);
        CheckTask(call, parameters);

        lock (_gate)
        {
            Evict();
            Entry? made = null;
            var entry = _jobs.GetOrAdd(job.JobId, _ => made = new Entry(job, new Lazy<IWorkload>(() => Create(job, parameters, prepare: call is not null))));
            try
            {
                return entry.Use(job);
            }
            catch (TaskRefusedException) when (ReferenceEquals(entry, made))
            {
                // Nothing to keep: the next call with this id is checked afresh. (A call that only
                // mismatched a job made by another call leaves that job alone.)
                _jobs.TryRemove(new KeyValuePair<Guid, Entry>(job.JobId, entry));
                throw;
            }
        }
    }

    /// <summary>Checks a call's task index and send number against its job's parameters (nothing to check without a call).</summary>
    private static void CheckTask(TaskCall? call, WorkloadParameters parameters)
    {
        if (call is null)
        {
            return;
        }

        var count = parameters.TaskCount;
        if (call.Task < 0 || call.Task >= count)
        {
            throw new TaskRefusedException(string.Create(CultureInfo.InvariantCulture, $"task {call.Task} is not in 0..{count - 1}"));
        }

        if (call.Attempt is < 1 or > TaskCall.MaxAttempts)
        {
            throw new TaskRefusedException(string.Create(CultureInfo.InvariantCulture, $"send {call.Attempt} is not in 1..{TaskCall.MaxAttempts}"));
        }
    }

    public void Dispose()
    {
        foreach (var id in _jobs.Keys)
        {
            Remove(id);
        }
    }

    private IWorkload Create(NodeJob job, WorkloadParameters parameters, bool prepare)
    {
        var (baseUrl, policy) = targets.For(job.Targets, parameters);
        var folder = outputs.FolderFor(job.RunId, job.Repetition);
        var environment = new WorkloadEnvironment(baseUrl, folder, job.RequestTimeoutMs, policy)
        {
            // The capability opens this app's simulated targets; it never goes to a real host.
            TargetCapability = policy is null ? job.TargetCapability : null,
        };

        IWorkload workload;
        try
        {
            workload = WorkloadFactory.Create(parameters, environment);
        }
        catch (InvalidParametersException e)
        {
            throw new TaskRefusedException($"the parameters are not valid here: {e.Message}");
        }

        if (WorkloadCatalog.Of(parameters).WritesOutputs)
        {
            try
            {
                outputs.Create(job.RunId, job.Repetition, [.. _jobs.Values.Select(e => e.Job.RunId)]);
                if (prepare)
                {
                    workload.Prepare();
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                workload.Dispose();
                throw new TaskRefusedException($"its output folder could not be made under {outputs.Root}: {e.Message}");
            }
        }

        return workload;
    }

    /// <summary>The job's parameters, once every field of the job is in range.</summary>
    private static WorkloadParameters Check(NodeJob job)
    {
        if (job.JobId == Guid.Empty)
        {
            throw new TaskRefusedException("the job has no id");
        }

        if (job.RunId < 1)
        {
            throw new TaskRefusedException(string.Create(CultureInfo.InvariantCulture, $"run id {job.RunId} is not a run (it must be positive)"));
        }

        if (job.Repetition < -RunPlan.MaxWarmup || job.Repetition >= RunPlan.MaxRepeat)
        {
            throw new TaskRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"repetition {job.Repetition} is not in {-RunPlan.MaxWarmup}..{RunPlan.MaxRepeat - 1}"));
        }

        if (!Enum.IsDefined(job.Targets))
        {
            throw new TaskRefusedException($"targets '{job.Targets}' are not simulated or real");
        }

        if (job.RequestTimeoutMs is < 1 or > WorkloadEnvironment.MaxRequestTimeoutMs)
        {
            throw new TaskRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"request timeout {job.RequestTimeoutMs} ms is not in 1..{WorkloadEnvironment.MaxRequestTimeoutMs}"));
        }

        // It travels as a request header: printable ASCII only, no spaces, bounded.
        if (job.TargetCapability is { } capability
            && (capability.Length is 0 or > MaxCapabilityLength || capability.Any(c => c is < '!' or > '~')))
        {
            throw new TaskRefusedException($"the target capability is not 1..{MaxCapabilityLength} printable ASCII characters");
        }

        if (job.Parameters is not { Length: > 0 and <= MaxParametersLength })
        {
            throw new TaskRefusedException($"the parameters are missing or longer than {MaxParametersLength} characters");
        }

        WorkloadParameters parameters;
        try
        {
            parameters = JsonSerializer.Deserialize(job.Parameters, StrictParameters)
                ?? throw new TaskRefusedException("the parameters are null");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new TaskRefusedException($"the parameters are not a workload's: {e.Message}");
        }

        return parameters.Validate() is { Count: > 0 } errors
            ? throw new TaskRefusedException($"the parameters are not valid here: {string.Join(" ", errors.SelectMany(e => e.Value))}")
            : parameters;
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
        if (_jobs.TryRemove(id, out var entry) && entry.Workload.IsValueCreated)
        {
            try
            {
                entry.Workload.Value.Dispose();
            }
            catch (Exception)
            {
                // a workload that failed to create has nothing to dispose
            }
        }
    }

    private sealed class Entry(NodeJob job, Lazy<IWorkload> workload)
    {
        private long _lastUsed = Environment.TickCount64;

        public NodeJob Job { get; } = job;

        public Lazy<IWorkload> Workload { get; } = workload;

        public long LastUsed => Interlocked.Read(ref _lastUsed);

        /// <summary>The workload, for a call whose job is exactly the one this entry was made for.</summary>
        public IWorkload Use(NodeJob call)
        {
            if (call != Job)
            {
                throw new TaskRefusedException($"job {call.JobId} was started with other settings");
            }

            Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
            return Workload.Value;
        }
    }
}
