namespace Dashboard.Web.Storage;

/// <summary>A page of the history, newest first, and how many runs match the filter in all.</summary>
public sealed record RunPage(IReadOnlyList<RunListItem> Items, int Total, int Skip, int Take);
