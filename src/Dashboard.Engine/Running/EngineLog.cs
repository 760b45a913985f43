namespace Dashboard.Engine.Running;

/// <summary>
/// A structured log line from the engine (a message template plus its values), so a host can
/// forward it to ILogger without the engine referencing a logging package.
/// </summary>
public delegate void EngineLog(string messageTemplate, params object?[] args);
