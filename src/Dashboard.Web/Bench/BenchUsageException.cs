namespace Dashboard.Web.Bench;

/// <summary>A bad flag or value on the bench command line; the message says which and why (exit code 2).</summary>
public sealed class BenchUsageException(string message) : Exception(message);
