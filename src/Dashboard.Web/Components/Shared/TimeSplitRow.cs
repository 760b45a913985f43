using System.Globalization;
using Dashboard.Engine.Statistics;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// One strategy's "where the time went" row: the parts it shows (those always shown, and start-up
/// and transfer when present), each with its seconds and its whole-number share of the total. The
/// shares are rounded by largest remainder, so the ones on the page add up to 100 %.
/// </summary>
public sealed class TimeSplitRow
{
    public TimeSplitRow(string strategy, TimeSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        Strategy = strategy;
        Total = split.Total;
        var shown = TimeSplitParts.All.Select(p => (Part: p, Seconds: p.Of(split))).Where(p => p.Seconds > 0 || p.Part.Always).ToList();
        var exact = shown.Select(p => Total > 0 ? p.Seconds / Total * 100 : 0).ToArray();
        var percents = exact.Select(Math.Floor).ToArray();
        var missing = Total > 0 ? 100 - (int)percents.Sum() : 0;
        foreach (var i in Enumerable.Range(0, exact.Length).OrderByDescending(i => exact[i] - percents[i]).ThenBy(i => i).Take(missing))
        {
            percents[i]++;
        }

        Parts = [.. shown.Select((p, i) => new Share(p.Part, p.Seconds, (int)percents[i]))];
    }

    /// <summary>The strategy's id.</summary>
    public string Strategy { get; }

    /// <summary>All parts together (task-seconds plus start-up and transfer).</summary>
    public double Total { get; }

    /// <summary>The parts shown, in stacking order.</summary>
    public IReadOnlyList<Share> Parts { get; }

    /// <summary>"Total 1.21 s: CPU 12.0 ms (1%) · Ready ... · Waiting ...", the row in words.</summary>
    public string Text => $"Total {SecondsText.Format(Total)}: {string.Join(" · ", Parts.Select(p => p.Text))}";

    /// <summary>A part's seconds and its share of the total in whole percent.</summary>
    public sealed record Share(TimeSplitPart Part, double Seconds, int Percent)
    {
        /// <summary>"CPU 12.0 ms (1%)"; a part that rounds to 0 % but is not zero says "&lt;1%".</summary>
        public string Text => string.Create(CultureInfo.InvariantCulture,
            $"{Part.Label} {SecondsText.Format(Seconds)} ({(Percent == 0 && Seconds > 0 ? "<1" : Percent.ToString(CultureInfo.InvariantCulture))}%)");
    }
}
