using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// The one owner of the per-client limits (RateLimits section, per client address and minute):
/// starting runs, importing runs and signing in. The API's endpoints (<see cref="ClientLimit"/>
/// metadata), the Run page and the History page's import all take their permits here, so a page
/// is no way around the API's limit; a wrong bearer token takes a sign-in permit like a login does.
/// Fixed windows of one minute from System.Threading.RateLimiting.
/// </summary>
public sealed class ClientRateLimits : IDisposable
{
    public const string Runs = "runs";
    public const string Imports = "imports";
    public const string SignIns = "sign-ins";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, PartitionedRateLimiter<string>> _limiters;

    public ClientRateLimits(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        _limiters = new Dictionary<string, PartitionedRateLimiter<string>>(StringComparer.Ordinal)
        {
            [Runs] = PerClient(limits.RunsPerMinute),
            [Imports] = PerClient(limits.ImportsPerMinute),
            [SignIns] = PerClient(limits.LoginsPerMinute),
        };
    }

    /// <summary>Takes one permit of <paramref name="kind"/> for <paramref name="client"/>: null when granted, else how long until the next.</summary>
    public TimeSpan? TryTake(string kind, string client) => Attempt(kind, client, permits: 1);

    /// <summary>Null while <paramref name="client"/> has a permit of <paramref name="kind"/> left (none is taken), else how long until the next.</summary>
    public TimeSpan? SpentFor(string kind, string client) => Attempt(kind, client, permits: 0);

    /// <summary>"try again in 42 s" for a wait.</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private TimeSpan? Attempt(string kind, string client, int permits)
    {
        using var lease = _limiters[kind].AttemptAcquire(client, permits);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
    }

    private static PartitionedRateLimiter<string> PerClient(int permits) =>
        PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
