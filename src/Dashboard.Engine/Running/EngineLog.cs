namespace Dashboard.Engine.Running;

/// <summary>
/// A structured log line from the engine (its level, a message template and its values), so a host
/// can forward it to ILogger at the right level without the engine referencing a logging package.
/// </summary>
public delegate void EngineLog(EngineLogLevel level, string messageTemplate, params object?[] args);
