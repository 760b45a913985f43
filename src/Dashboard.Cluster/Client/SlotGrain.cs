using Dashboard.Cluster.Grains;

namespace Dashboard.Cluster.Client;

/// <summary>
/// The task grain a slot sends its tasks to: one activation for the slot's tasks, a fresh one
/// after a call was refused or lost, released when the slot is done.
/// </summary>
internal sealed class SlotGrain(IClusterClient client)
{
    private ITaskGrain? _current;
    private bool _answered;

    public ITaskGrain Current => _current ??= client.GetGrain<ITaskGrain>(Guid.NewGuid());

    /// <summary>The current grain answered a call: it has an activation to release.</summary>
    public void Answered() => _answered = true;

    public void Renew()
    {
        Release();
        _current = null;
    }

    /// <summary>Lets the activation go (one-way); one that never answered is left to the idle collector, not activated anew.</summary>
    public void Release()
    {
        if (_answered)
        {
            _current?.ReleaseAsync().Ignore();
        }

        _answered = false;
    }
}
