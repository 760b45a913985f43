namespace Dashboard.Web.Components.Shared;

/// <summary>The bar charts' y-axis ticks (the run page's and Compare's), in one place.</summary>
public static class ChartTicks
{
    /// <summary>A 1-2-5 tick step giving about five ticks up to <paramref name="max"/> (at least 1: ticks are integers).</summary>
    public static int NiceStep(double max)
    {
        if (max <= 5)
        {
            return 1;
        }

        var raw = max / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (raw / magnitude) switch
        {
            <= 1 => 1,
            <= 2 => 2,
            <= 5 => 5,
            _ => 10,
        } * magnitude;
        return (int)Math.Max(1, step);
    }
}
