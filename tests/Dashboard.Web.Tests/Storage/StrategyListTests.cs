using Dashboard.Engine.Strategies;
using Dashboard.Web.Storage;

namespace Dashboard.Web.Tests.Storage;

public sealed class StrategyListTests
{
    [Fact]
    public void StrategyList_Short_IsEveryKey()
    {
        Assert.Equal("sequential,threadpool@1,threadpool@2", RunRecordMapper.StrategyList(["sequential", "threadpool@1", "threadpool@2"]));
    }

    [Fact]
    public void StrategyList_WideSweep_CutAfterTheLastWholeKeyWithinTheColumn()
    {
        // 5 sized strategies x 8 sizes: far past the column's 200 characters.
        var keys = StrategySizes.Sized.SelectMany(s => new[] { 1, 2, 4, 8, 16, 32, 48, 64 }.Select(n => StrategySizes.Key(s, n))).ToList();

        var text = RunRecordMapper.StrategyList(keys);

        Assert.InRange(text.Length, 150, RunRecordMapper.MaxStrategiesLength);
        var kept = text.Split(',');
        Assert.Equal(keys.Take(kept.Length), kept);
    }
}
