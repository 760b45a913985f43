using Dashboard.Engine.Strategies;

namespace Dashboard.Web.Components.Timeline;

/// <summary>How strategy ids read on screen.</summary>
public static class StrategyNames
{
    public static string Display(string id) => id switch
    {
        StrategyIds.ThreadPool => "thread pool",
        StrategyIds.AsyncProcesses => "async + processes",
        _ => id,
    };
}
