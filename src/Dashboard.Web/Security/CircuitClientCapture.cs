using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Web.Security;

/// <summary>
/// Records the client address of a circuit when it opens and whenever its connection comes back
/// (then from the connection's request: a browser may reconnect from elsewhere).
/// </summary>
internal sealed class CircuitClientCapture(CircuitClient client, IHttpContextAccessor accessor) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Capture();
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Capture();
        return Task.CompletedTask;
    }

    private void Capture()
    {
        if (accessor.HttpContext is { } context)
        {
            client.Address = ClientAddress.Of(context);
        }
    }
}
