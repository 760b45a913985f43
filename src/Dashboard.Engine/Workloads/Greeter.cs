namespace Dashboard.Engine.Workloads;

/// <summary>
/// The tutorial's <c>say_hello</c>, in a blocking and an async form: reject a missing or empty
/// name, wait, greet. Python raised TypeError for a non-string and ValueError for an empty
/// string; here a null name throws <see cref="ArgumentNullException"/> and an empty or
/// whitespace name throws <see cref="ArgumentException"/>.
/// </summary>
public static class Greeter
{
    /// <summary>Waits <paramref name="delayMs"/> with Thread.Sleep (the calling thread is blocked), then greets.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or whitespace.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delayMs"/> is negative.</exception>
    public static string SayHello(string? name, int delayMs)
    {
        var valid = Validate(name, delayMs);
        Thread.Sleep(delayMs);
        return Greeting(valid);
    }

    /// <summary>
    /// The blocking form the workload uses: the thread is blocked exactly as with Thread.Sleep,
    /// but a cancelled run wakes it at once instead of after the whole delay.
    /// </summary>
    public static string SayHello(string? name, int delayMs, CancellationToken cancellationToken)
    {
        var valid = Validate(name, delayMs);
        if (delayMs > 0 && cancellationToken.WaitHandle.WaitOne(delayMs))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Greeting(valid);
    }

    /// <summary>Waits <paramref name="delayMs"/> with Task.Delay (no thread is held), then greets.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or whitespace.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delayMs"/> is negative.</exception>
    public static async Task<string> SayHelloAsync(string? name, int delayMs, CancellationToken cancellationToken)
    {
        // Validation throws before the first await, like the tutorial's checks before its sleep;
        // the exception still surfaces from the returned task (async method semantics).
        var valid = Validate(name, delayMs);
        await Task.Delay(delayMs, cancellationToken).ConfigureAwait(false);
        return Greeting(valid);
    }

    /// <summary>The greeting for a valid name.</summary>
    public static string Greeting(string name) => $"Hello, {name}!";

    /// <summary>The tutorial's checks: the valid name, or the exception say_hello raises.</summary>
    internal static string Validate(string? name, int delayMs)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A name must not be empty or whitespace.", nameof(name));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(delayMs);
        return name;
    }
}
