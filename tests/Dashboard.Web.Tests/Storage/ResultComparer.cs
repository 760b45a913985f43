using Dashboard.Engine.Running;

namespace Dashboard.Web.Tests.Storage;

/// <summary>Strategy results equal in every figure and every span (records compare span lists by reference).</summary>
internal sealed class ResultComparer : IEqualityComparer<StrategyResult>
{
    public static readonly ResultComparer Instance = new();

    public bool Equals(StrategyResult? x, StrategyResult? y) =>
        x is not null && y is not null
        && (x with { Spans = [] }) == (y with { Spans = [] })
        && x.Spans.SequenceEqual(y.Spans);

    public int GetHashCode(StrategyResult obj) => HashCode.Combine(obj.Strategy, obj.Repetition);
}
