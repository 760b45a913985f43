namespace Dashboard.Web.Storage;

/// <summary>A window read: its tasks, or what is wrong with the window (per field, for a 400 or a form).</summary>
public sealed record TaskWindowOutcome(TaskWindowResult? Window, IReadOnlyDictionary<string, string[]>? Errors);
