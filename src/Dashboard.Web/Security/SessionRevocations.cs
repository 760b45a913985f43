using System.Text.Json;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Security;

/// <summary>
/// Sessions ended by signing out, each kept until the last cookie of it would have expired anyway
/// (the cookie lifetime after the sign-out), in the data folder (owner-only) so a restart keeps
/// them ended. At most <see cref="MaxEntries"/>: when a sign-out finds the store full, every session
/// signed in before that moment ends (<see cref="NotBefore"/>) and the list starts again, so a full
/// store never brings an ended session back.
/// </summary>
public sealed class SessionRevocations
{
    public const int MaxEntries = 10_000;

    public const string FileName = "ended-sessions.json";

    private readonly Lock _gate = new();
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger<SessionRevocations> _logger;
    private Dictionary<string, DateTimeOffset> _ended = new(StringComparer.Ordinal);

    public SessionRevocations(DataFolder data, TimeProvider time, ILogger<SessionRevocations> logger)
    {
        _path = Path.Combine(data.Root, FileName);
        _time = time;
        _logger = logger;
        Load();
    }

    /// <summary>Sessions signed in before this moment are over (null: none).</summary>
    public DateTimeOffset? NotBefore { get; private set; }

    /// <summary>How many ended sessions are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ended.Count;
            }
        }
    }

    /// <summary>Raised (outside the lock) with the id of each session that ends, so live connections of it can close.</summary>
    public event Action<string>? Ended;

    /// <summary>Whether the session <paramref name="sessionId"/>, signed in at <paramref name="signedInAt"/>, has ended.</summary>
    public bool IsEnded(string sessionId, DateTimeOffset signedInAt)
    {
        lock (_gate)
        {
            return signedInAt < NotBefore || _ended.ContainsKey(sessionId);
        }
    }

    /// <summary>Ends <paramref name="sessionId"/> for good: remembered until <paramref name="lastCookieExpiry"/>.</summary>
    public void End(string sessionId, DateTimeOffset lastCookieExpiry)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var expired in _ended.Where(e => e.Value <= now).Select(e => e.Key).ToList())
            {
                _ended.Remove(expired);
            }

            if (_ended.Count >= MaxEntries)
            {
                _logger.LogWarning("{Count} ended sessions are remembered, the most kept: every session signed in before now ends, and the list starts again", _ended.Count);
                NotBefore = now;
                _ended.Clear();
            }

            _ended[sessionId] = lastCookieExpiry;
            Save();
        }

        Ended?.Invoke(sessionId);
    }

    private void Load()
    {
        try
        {
            if (!File.Exists(_path))
            {
                return;
            }

            var stored = JsonSerializer.Deserialize<StoredRevocations>(File.ReadAllText(_path));
            var now = _time.GetUtcNow();
            NotBefore = stored?.NotBefore;
            _ended = (stored?.Ended ?? []).Where(e => e.Value > now).Take(MaxEntries)
                .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            // Unreadable: safer to end every session than to bring ended ones back.
            _logger.LogWarning(ex, "The ended sessions in {Path} could not be read: every earlier session ends", _path);
            NotBefore = _time.GetUtcNow();
        }
    }

    private void Save()
    {
        try
        {
            PrivateStateFile.Write(_path, new StoredRevocations(NotBefore, _ended));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Still ended in this process; after a restart the cookie expiry or a new token ends it.
            _logger.LogWarning(ex, "Could not keep the ended sessions in {Path}", _path);
        }
    }

    private sealed record StoredRevocations(DateTimeOffset? NotBefore, Dictionary<string, DateTimeOffset> Ended);
}
