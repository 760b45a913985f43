namespace Dashboard.Web.Security;

/// <summary>
/// Who is watching now: the read-only viewers with a page open (a connected Blazor circuit,
/// <see cref="ViewerPresenceCircuitHandler"/>), counted once per viewer however many tabs it has,
/// and only while its link still holds it. The owner's share page and the live page's header read it.
/// </summary>
public sealed class ViewerPresence
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Link, int Connections)> _open = new(StringComparer.Ordinal);
    private readonly ViewerLinks _links;

    public ViewerPresence(ViewerLinks links)
    {
        _links = links;
        _links.Changed += () => Changed?.Invoke();
    }

    /// <summary>Raised (outside the lock) when the number watching may have changed.</summary>
    public event Action? Changed;

    /// <summary>Viewers with a page open now; of <paramref name="linkId"/> only, when given.</summary>
    public int Watching(string? linkId = null)
    {
        KeyValuePair<string, (string Link, int Connections)>[] open;
        lock (_gate)
        {
            open = [.. _open];
        }

        return open.Count(o => (linkId is null || o.Value.Link == linkId) && _links.Holds(o.Value.Link, o.Key));
    }

    /// <summary>A page of viewer <paramref name="session"/> (of link <paramref name="linkId"/>) connected.</summary>
    public void Up(string session, string linkId)
    {
        lock (_gate)
        {
            _open[session] = (linkId, _open.TryGetValue(session, out var held) ? held.Connections + 1 : 1);
        }

        Changed?.Invoke();
    }

    /// <summary>A page of viewer <paramref name="session"/> went away.</summary>
    public void Down(string session)
    {
        lock (_gate)
        {
            if (!_open.TryGetValue(session, out var held))
            {
                return;
            }

            if (held.Connections <= 1)
            {
                _open.Remove(session);
            }
            else
            {
                _open[session] = (held.Link, held.Connections - 1);
            }
        }

        Changed?.Invoke();
    }
}
