using System.Security.Cryptography;

namespace Dashboard.Web.Simulation;

/// <summary>
/// The live capabilities of the simulated targets: a random value per run (or per bench, or per
/// script that asked for one), issued when it starts and revoked when it ends; each also expires
/// after its time to live, so one that was never revoked cannot outlive its run for long. At most
/// <see cref="MaxLive"/> are live at once: issuing one more revokes the oldest.
/// </summary>
public sealed class LabCapabilities(TimeProvider time)
{
    /// <summary>Runs go one at a time; this leaves room for the bench and scripts.</summary>
    public const int MaxLive = 64;

    /// <summary>A capability is 32 random bytes in base64url: 43 characters.</summary>
    public const int MaxLength = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _live = new(StringComparer.Ordinal);
    private readonly Queue<string> _issued = new();

    /// <summary>How many are live now (expired ones not yet counted out).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _live.Count;
            }
        }
    }

    /// <summary>A new capability, live until it is disposed or <paramref name="timeToLive"/> has passed.</summary>
    public LabCapability Issue(TimeSpan timeToLive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = time.GetUtcNow() + timeToLive;
        lock (_gate)
        {
            while (_live.Count >= MaxLive && _issued.TryDequeue(out var oldest))
            {
                _live.Remove(oldest);
            }

            _live[value] = expires;
            _issued.Enqueue(value);
            TrimQueue();
        }

        return new LabCapability(this, value, expires);
    }

    /// <summary>Whether <paramref name="value"/> is a capability that is live now.</summary>
    public bool IsLive(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        lock (_gate)
        {
            if (!_live.TryGetValue(value, out var expires))
            {
                return false;
            }

            if (expires > time.GetUtcNow())
            {
                return true;
            }

            _live.Remove(value);
            return false;
        }
    }

    /// <summary>Ends <paramref name="value"/> now; nothing when it is not live.</summary>
    public void Revoke(string value)
    {
        lock (_gate)
        {
            _live.Remove(value);
            TrimQueue();
        }
    }

    /// <summary>The issue order keeps only values still live at its head, so it never grows past the live ones by much.</summary>
    private void TrimQueue()
    {
        while (_issued.TryPeek(out var head) && !_live.ContainsKey(head))
        {
            _issued.Dequeue();
        }

        if (_issued.Count > MaxLive * 4)
        {
            var live = _issued.Where(_live.ContainsKey).ToList();
            _issued.Clear();
            foreach (var value in live)
            {
                _issued.Enqueue(value);
            }
        }
    }
}
