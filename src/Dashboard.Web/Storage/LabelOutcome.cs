namespace Dashboard.Web.Storage;

/// <summary>What <see cref="RunHistory.SetLabelAsync"/> did.</summary>
public enum LabelOutcome
{
    Saved,
    NotFound,

    /// <summary>The run is queued or running: its stored record is rewritten when it ends, so label it then.</summary>
    Active,

    /// <summary>The label breaks <see cref="Runs.Lifecycle.RunLabel"/>'s rule (too long, or a control character).</summary>
    Invalid,
}
