using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// The read-only viewer links and the viewer sessions signed in with each, kept beside the ended
/// sessions in the data folder (owner-only) so a restart keeps them. A link's token is
/// <c>ID.SECRET</c>; only the secret's SHA-256 is kept, so the token is shown once, when made.
/// At most <see cref="MaxLinks"/> links and <see cref="AuthOptions.MaxViewers"/> viewer sessions in
/// all; an expired link is dropped (with its sessions) the next time the list changes or is read.
/// A viewer session holds while its link holds it: revoking the link or its expiry ends them all at once.
/// </summary>
public sealed class ViewerLinks
{
    public const int MaxLinks = 20;

    public const string FileName = "viewer-links.json";

    /// <summary>The longest token accepted: a 16-character id, a dot, a 43-character secret.</summary>
    public const int MaxTokenLength = 64;

    private const string Invalid = "This read-only link does not work: it was revoked, has expired, or was not copied whole. Ask the dashboard's owner for a new one.";

    private readonly Lock _gate = new();
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<AuthOptions> _options;
    private readonly ILogger<ViewerLinks> _logger;
    private Dictionary<string, StoredLink> _links = new(StringComparer.Ordinal);

    public ViewerLinks(DataFolder data, TimeProvider time, IOptionsMonitor<AuthOptions> options, ILogger<ViewerLinks> logger)
    {
        _path = Path.Combine(data.Root, FileName);
        _time = time;
        _options = options;
        _logger = logger;
        Load();
    }

    /// <summary>Raised (outside the lock) when the links or their viewers change, for the owner's pages.</summary>
    public event Action? Changed;

    /// <summary>Viewers signed in now, across every link that still holds.</summary>
    public int Viewers
    {
        get
        {
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                return _links.Values.Where(l => l.ExpiresAt > now).Sum(l => l.Sessions.Count);
            }
        }
    }

    /// <summary>A new link lasting Auth:ViewerLinkHours; null with the reason when <see cref="MaxLinks"/> hold already.</summary>
    public (CreatedViewerLink? Link, string? Refusal) Create()
    {
        CreatedViewerLink created;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            PruneHeld(now);
            if (_links.Count >= MaxLinks)
            {
                return (null, $"{MaxLinks} read-only links exist, the most kept: revoke one first.");
            }

            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var expires = now.AddHours(_options.CurrentValue.ViewerLinkHours);
            _links[id] = new StoredLink(id, Hash(secret), now, expires, new HashSet<string>(StringComparer.Ordinal));
            Save();
            created = new CreatedViewerLink(id, id + "." + secret, expires);
        }

        _logger.LogInformation("Read-only viewer link {LinkId} made, valid until {ExpiresAt}", created.Id, created.ExpiresAt);
        Changed?.Invoke();
        return (created, null);
    }

    /// <summary>The links that still hold, newest first.</summary>
    public IReadOnlyList<ViewerLinkInfo> List()
    {
        lock (_gate)
        {
            PruneHeld(_time.GetUtcNow());
            return [.. _links.Values.OrderByDescending(l => l.CreatedAt).Select(l => new ViewerLinkInfo(l.Id, l.CreatedAt, l.ExpiresAt, l.Sessions.Count))];
        }
    }

    /// <summary>Removes the link <paramref name="id"/>; its viewer sessions (returned) end with it. Null when there is no such link.</summary>
    public IReadOnlyList<string>? Revoke(string id)
    {
        string[] sessions;
        lock (_gate)
        {
            if (!_links.Remove(id, out var link))
            {
                return null;
            }

            sessions = [.. link.Sessions];
            Save();
        }

        _logger.LogInformation("Read-only viewer link {LinkId} revoked: {Viewers} viewers signed out", id, sessions.Length);
        Changed?.Invoke();
        return sessions;
    }

    /// <summary>
    /// Admits the session <paramref name="sessionId"/> as a viewer of the link whose token is
    /// <paramref name="token"/>, unless the token is wrong, the link expired, or Auth:MaxViewers are signed in.
    /// </summary>
    public ViewerSignIn Admit(string? token, string sessionId)
    {
        if (token is not { Length: > 0 and <= MaxTokenLength } || token.Split('.') is not [var id, var secret])
        {
            return new ViewerSignIn(null, default, Invalid);
        }

        DateTimeOffset expires;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_links.TryGetValue(id, out var link)
                || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(link.SecretHash)))
            {
                return new ViewerSignIn(null, default, Invalid);
            }

            if (link.ExpiresAt <= now)
            {
                return new ViewerSignIn(null, default, string.Create(CultureInfo.InvariantCulture,
                    $"This read-only link expired at {link.ExpiresAt:yyyy-MM-dd HH:mm} UTC. Ask the dashboard's owner for a new one."));
            }

            PruneHeld(now);
            var max = _options.CurrentValue.MaxViewers;
            if (_links.Values.Sum(l => l.Sessions.Count) >= max)
            {
                return new ViewerSignIn(null, default, string.Create(CultureInfo.InvariantCulture,
                    $"This dashboard has {max} viewers signed in, the most it admits (Auth:MaxViewers). Ask the owner to revoke a link or raise the limit."));
            }

            link.Sessions.Add(sessionId);
            expires = link.ExpiresAt;
            Save();
        }

        Changed?.Invoke();
        return new ViewerSignIn(id, expires, null);
    }

    /// <summary>Whether the link <paramref name="linkId"/> still holds and still counts the session <paramref name="sessionId"/>.</summary>
    public bool Holds(string linkId, string sessionId)
    {
        lock (_gate)
        {
            return _links.TryGetValue(linkId, out var link) && link.ExpiresAt > _time.GetUtcNow() && link.Sessions.Contains(sessionId);
        }
    }

    /// <summary>A viewer signed out: the session stops counting against the cap.</summary>
    public void Forget(string linkId, string sessionId)
    {
        lock (_gate)
        {
            if (!_links.TryGetValue(linkId, out var link) || !link.Sessions.Remove(sessionId))
            {
                return;
            }

            Save();
        }

        Changed?.Invoke();
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private void PruneHeld(DateTimeOffset now)
    {
        var expired = _links.Values.Where(l => l.ExpiresAt <= now).Select(l => l.Id).ToList();
        foreach (var id in expired)
        {
            _links.Remove(id);
        }

        if (expired.Count > 0)
        {
            Save();
        }
    }

    private void Load()
    {
        try
        {
            if (!File.Exists(_path))
            {
                return;
            }

            var stored = JsonSerializer.Deserialize<List<StoredLink>>(File.ReadAllText(_path)) ?? [];
            var now = _time.GetUtcNow();
            _links = stored.Where(l => l.ExpiresAt > now && l.Id is { Length: > 0 } && l.SecretHash is { Length: > 0 })
                .OrderByDescending(l => l.CreatedAt).Take(MaxLinks)
                .ToDictionary(l => l.Id, l => l with { Sessions = new HashSet<string>(l.Sessions ?? [], StringComparer.Ordinal) }, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            // Unreadable: no link holds, so no viewer is let in that the owner did not mean to.
            _logger.LogWarning(ex, "The read-only viewer links in {Path} could not be read: none holds; make new ones", _path);
        }
    }

    private void Save()
    {
        try
        {
            PrivateStateFile.Write(_path, _links.Values);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Still right in this process; after a restart a revoked link could hold again until it expires.
            _logger.LogWarning(ex, "Could not keep the read-only viewer links in {Path}", _path);
        }
    }

    private sealed record StoredLink(string Id, string SecretHash, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, HashSet<string> Sessions);
}
