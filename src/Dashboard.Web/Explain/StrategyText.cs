using Dashboard.Engine.Strategies;

namespace Dashboard.Web.Explain;

/// <summary>How strategies are named on the pages: the descriptors' names (<see cref="StrategyCatalog.Name"/>).</summary>
public static class StrategyText
{
    /// <summary>"thread pool" for "threadpool", "Python thread pool" for its twin, "thread pool ×4" for a sweep point.</summary>
    public static string Name(string strategy) => StrategyCatalog.Name(strategy);
}
