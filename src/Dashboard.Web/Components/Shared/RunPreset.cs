namespace Dashboard.Web.Components.Shared;

/// <summary>The Run page's preset buttons.</summary>
public enum RunPreset
{
    /// <summary>The tutorial's own parameters.</summary>
    Tutorial,

    /// <summary>A size whose slowest strategy finishes in seconds here.</summary>
    Quick,

    /// <summary>Large: thousands of tasks; strategies that would take minutes are left unticked.</summary>
    Stress,
}
