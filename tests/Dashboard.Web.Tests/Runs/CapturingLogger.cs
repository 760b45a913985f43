using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Runs;

/// <summary>Keeps every log entry (level, rendered message, structured values) for assertions.</summary>
public sealed class CapturingLogger : ILogger
{
    public List<(LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Values)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        Entries.Add((logLevel, formatter(state, exception), values));
    }
}
