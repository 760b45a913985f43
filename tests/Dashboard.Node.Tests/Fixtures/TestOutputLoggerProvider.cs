using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Dashboard.Node.Tests.Fixtures;

/// <summary>
/// Writes the cluster's own log lines (category Dashboard.Cluster, Debug and up) to a test's
/// output, leaving out the nodes' relayed stderr (lines "node-N: ...", Orleans' own chatter).
/// </summary>
public sealed class TestOutputLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => category == "Dashboard.Cluster" ? logLevel >= LogLevel.Debug : logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (IsEnabled(logLevel) && !(logLevel == LogLevel.Debug && text.StartsWith("node-", StringComparison.Ordinal)))
            {
                try
                {
                    output.WriteLine($"  [{logLevel}] {category}: {text}");
                }
                catch (InvalidOperationException)
                {
                    // the test has ended
                }
            }
        }
    }
}
