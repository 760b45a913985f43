namespace Dashboard.Web.Storage;

/// <summary>What <see cref="RunHistory.DeleteAsync"/> did.</summary>
public enum DeleteOutcome
{
    Deleted,
    NotFound,

    /// <summary>The run is queued or running: cancel it first.</summary>
    Active,
}
