using Dashboard.Engine.Running;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// Starts work on a new OS thread (never a pool thread: the pool serves the web server, and a
/// blocking task would starve it), optionally at background priority.
/// </summary>
internal static class DedicatedThread
{
    /// <summary>Small stacks: a threads run may create thousands of threads.</summary>
    public const int TaskThreadStackSize = 256 * 1024;

    /// <summary>Runs <paramref name="body"/> on a new thread; the task completes when the thread has finished.</summary>
    public static Task RunAsync(string name, bool lowPriority, Action body)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = Create(name, lowPriority, () =>
        {
            // This thread runs many tasks (it starts them, or pulls them one after another): its
            // clock file stays open for all of them, its CPU is read about once per quantum and
            // shared among their segments, and both settle when it is done.
            ThreadClock.Hold();
            try
            {
                body();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
            finally
            {
                TaskFlow.ReleaseThread();
            }
        });
        thread.Start();
        return done.Task;
    }

    /// <summary>A background thread (it never keeps the process alive) that lowers its own priority first.</summary>
    public static Thread Create(string name, bool lowPriority, Action body, int maxStackSize = 0)
    {
        return new Thread(() =>
        {
            if (lowPriority)
            {
                ThreadNice.LowerCurrentThread();
            }

            body();
        }, maxStackSize)
        {
            IsBackground = true,
            Name = name,
        };
    }
}
