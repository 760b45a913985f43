namespace Dashboard.Web.Security;

/// <summary>
/// The client behind a page (a Blazor circuit): its address, taken from the connection that opened
/// the circuit (<see cref="CircuitClientCapture"/>), or from the request when the page is rendered
/// before it is interactive. Pages take their per-client permits through it, from the same
/// <see cref="ClientRateLimits"/> as the API, so a page is no way around a limit.
/// </summary>
public sealed class CircuitClient(IHttpContextAccessor accessor, ClientRateLimits limits)
{
    private string? _address;

    /// <summary>The client's address (see <see cref="ClientAddress"/>).</summary>
    public string Address
    {
        get => _address ??= ClientAddress.Of(accessor.HttpContext);
        internal set => _address = value;
    }

    /// <summary>Takes one permit of <paramref name="kind"/>: null when granted, else the message for the page.</summary>
    public string? TryTake(string kind) =>
        limits.TryTake(kind, Address) is { } wait
            ? $"This client has reached its limit for {(kind == ClientRateLimits.Imports ? "imports" : "new runs")} (RateLimits, per minute, shared with the API); try again in {ClientRateLimits.Seconds(wait)} s."
            : null;
}
