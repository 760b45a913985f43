namespace Dashboard.Web.Tests.Security;

/// <summary>The system clock moved forward by <see cref="Shift"/> (timers and timestamps stay the system's).</summary>
internal sealed class ShiftedTime : TimeProvider
{
    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
}
