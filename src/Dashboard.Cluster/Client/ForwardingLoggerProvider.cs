using Microsoft.Extensions.Logging;

namespace Dashboard.Cluster.Client;

/// <summary>
/// Hands the Orleans client's log lines to the app's logger factory, so they land in the app's
/// sinks, while the client host's own filters (Orleans below Warning dropped) still apply.
/// </summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
        // the app owns the target factory
    }
}
