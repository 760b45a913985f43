namespace Dashboard.Web.Tests.Storage;

/// <summary>A run above the old 20,000-span sample, stored whole on SQLite (the default): a window holds its real tasks (<see cref="StoredWindowCheck"/>).</summary>
public sealed class StoredWindowTests
{
    [Fact]
    public Task StoredLargeRun_DefaultSettings_WindowHoldsTheRealTasks() => StoredWindowCheck.WindowHoldsTheRealTasksAsync([]);
}
