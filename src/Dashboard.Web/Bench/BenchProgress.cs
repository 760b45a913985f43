using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Execution;
namespace Dashboard.Web.Bench;

/// <summary>The bench's console observer: one line per finished strategy repetition.</summary>
internal sealed class BenchProgress(TextWriter output, int repeat) : IPlanObserver
{
    public void OnStarting()
    {
    }

    public async ValueTask OnEventAsync(LabEvent labEvent)
    {
        if (labEvent is StrategyCompleted { Result: var completed })
        {
            await output.WriteLineAsync(Line(completed, repeat));
        }
    }

    /// <summary>"  threads          1/5          0.31 s  100 ok, 0 failed, check ok".</summary>
    public static string Line(StrategyResult result, int repeat)
    {
        var which = result.IsWarmup
            ? "warmup"
            : string.Create(CultureInfo.InvariantCulture, $"{result.Repetition + 1}/{repeat}");
        return string.Create(CultureInfo.InvariantCulture,
            $"  {result.Strategy,-16} {which,-7} {BenchTableFormatter.Seconds(result.WallSeconds),10}  {result.TasksOk} ok, {result.TasksFailed} failed, check {result.OutputCheck}");
    }
}
