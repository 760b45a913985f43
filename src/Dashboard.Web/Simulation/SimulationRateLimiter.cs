namespace Dashboard.Web.Simulation;

/// <summary>
/// A lock-free fixed one-second window shared by both targets, like a real API's per-client quota.
/// The window number and the count in it live in one long updated by compare-and-swap.
/// </summary>
public sealed class SimulationRateLimiter(TimeProvider time)
{
    private const int CountBits = 24;
    private const long CountMask = (1L << CountBits) - 1;

    private long _state;

    /// <summary>
    /// Takes one request from the current second's quota. False when the quota is used up;
    /// <paramref name="retryAfterSeconds"/> then says when the next window opens (rounded up, at least 1).
    /// </summary>
    public bool TryAcquire(int limitPerSecond, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        if (limitPerSecond <= 0)
        {
            return true;
        }

        var now = time.GetTimestamp();
        var frequency = time.TimestampFrequency;
        var window = now / frequency;
        while (true)
        {
            var state = Volatile.Read(ref _state);
            var stateWindow = state >> CountBits;
            var count = state & CountMask;
            long next;

            // A thread that read the clock a moment later may already have opened the next window:
            // count this request in that window rather than resetting it.
            if (stateWindow >= window)
            {
                if (count >= limitPerSecond)
                {
                    var remaining = (stateWindow + 1) * frequency - now;
                    retryAfterSeconds = (int)Math.Max(1, (remaining + frequency - 1) / frequency);
                    return false;
                }

                next = state + 1;
            }
            else
            {
                next = (window << CountBits) | 1;
            }

            if (Interlocked.CompareExchange(ref _state, next, state) == state)
            {
                return true;
            }
        }
    }
}
