using System.Diagnostics;
using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;
using Dashboard.Worker;

// The worker: reads one job (a JSON line) from stdin, runs its share of tasks, streams typed
// JSON-line messages on stdout, and exits. When stdin closes early (the parent cancelled or
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
var watcher = new Thread(() =>
{
    // Anything further on stdin is ignored; its end means "stop".
    try
    {
        while (stdin.Read() >= 0)
        {
        }
    }
    catch (IOException)
    {
    }

    cancel.Cancel();

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

using (workload)
{
    using var counters = WorkerCounterPump.Start(job, output);
    await new JobRunner(job, workload, output, cancel.Token).RunAsync();
}

using var self = Process.GetCurrentProcess();
output.Send(new WorkerDone(self.TotalProcessorTime.TotalSeconds, self.PeakWorkingSet64));
await output.CompleteAsync();
return cancel.IsCancellationRequested ? 3 : 0;
