using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;
using Dashboard.Worker;

// The worker: reads one job (a JSON line) from stdin, runs its share of tasks (given in the job,
// or pulled: handed out line by line after it until one says "end"), streams typed JSON-line
// messages on stdout, and exits. When stdin closes early (the parent cancelled or
// died) it cancels its tasks and exits, so a worker never outlives its parent for long.
var output = new WorkerOutput(Console.OpenStandardOutput());

// First message at once: the parent measures process start cost up to here.
output.Send(new WorkerReady(Environment.ProcessId, MonotonicClock.Now));

var stdin = new StreamReader(Console.OpenStandardInput());
WorkerJob? job;
try
{
    var line = await stdin.ReadLineAsync();
    if (line is null)
    {
        await output.CompleteAsync();
        return 2; // stdin closed before a job arrived: nothing to do
    }

    job = JsonSerializer.Deserialize(line, WorkerJson.Job)
        ?? throw new JsonException("the job is null");
    var errors = job.Parameters.Validate();
    if (errors.Count > 0)
    {
        throw new InvalidParametersException(errors);
    }
}
catch (Exception e) when (e is JsonException or NotSupportedException or InvalidParametersException)
{
    output.Send(new WorkerError($"bad job: {e.Message}"));
    await output.CompleteAsync();
    return 2;
}

if (job.BackgroundPriority)
{
    ThreadNice.LowerAllThreads();
}

using var cancel = new CancellationTokenSource();
var tasks = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

// When each task arrived (the parent counts the way over as transfer); indices out of range are
// the workload's to report, so they are simply not stamped.
var received = new long[job.Parameters.TaskCount];
var jobReceived = MonotonicClock.Now;
foreach (var task in job.Tasks)
{
    Stamp(task, jobReceived);
    tasks.Writer.TryWrite(task);
}

if (!job.Pull)
{
    tasks.Writer.Complete();
}

var watcher = new Thread(() =>
{
    // A pulling worker reads its tasks here as the parent hands them out; anything else on stdin
    // is ignored. Its end means "stop".
    try
    {
        if (job.Pull)
        {
            while (stdin.ReadLine() is { } line)
            {
                var at = MonotonicClock.Now;
                var more = JsonSerializer.Deserialize(line, WorkerJson.Tasks) ?? throw new JsonException("the tasks line is null");
                foreach (var task in more.Tasks)
                {
                    Stamp(task, at);
                    tasks.Writer.TryWrite(task);
                }

                if (more.End)
                {
                    tasks.Writer.TryComplete();
                }
            }
        }
        else
        {
            while (stdin.Read() >= 0)
            {
            }
        }
    }
    catch (IOException)
    {
    }
    catch (JsonException e)
    {
        output.Send(new WorkerError($"bad tasks line: {e.Message}"));
    }

    cancel.Cancel();
    tasks.Writer.TryComplete();

    // Tasks that ignore the token (a native computation) get a moment, then the process goes.
    Thread.Sleep(TimeSpan.FromSeconds(2));
    Environment.Exit(3);
})
{ IsBackground = true, Name = "stdin watcher" };
watcher.Start();

IWorkload workload;
try
{
    workload = WorkloadFactory.Create(job.Parameters, job.Environment);
}
catch (Exception e)
{
    output.Send(new WorkerError($"could not create the {job.Parameters.Workload} workload: {e.Message}"));
    await output.CompleteAsync();
    return 1;
}

// The runtime's own events (pool adjustments, lock contention) ride with the counters.
var runtime = job.CounterIntervalMs is null ? null : RuntimeEventListener.Shared;
var since = MonotonicClock.Now;
using (workload)
{
    using var counters = WorkerCounterPump.Start(job, output);
    await new JobRunner(job, workload, output, received, cancel.Token).RunAsync(tasks.Reader);
}

if (runtime is not null)
{
    output.Send(WorkerRuntimeEvents.From(runtime, since));
}

using var self = Process.GetCurrentProcess();
output.Send(new WorkerDone(self.TotalProcessorTime.TotalSeconds, self.PeakWorkingSet64));
await output.CompleteAsync();
return cancel.IsCancellationRequested ? 3 : 0;

void Stamp(int task, long at)
{
    if ((uint)task < (uint)received.Length)
    {
        Volatile.Write(ref received[task], at);
    }
}
