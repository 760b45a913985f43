namespace Dashboard.Web.Security;

/// <summary>Sign-in settings (configuration section "Auth").</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Shortest token accepted from configuration: anything shorter is guessable.</summary>
    public const int MinTokenLength = 16;

    /// <summary>Longest token accepted (a bearer header or a login link stays short).</summary>
    public const int MaxTokenLength = 512;

    /// <summary>Fewest different characters in a configured token.</summary>
    public const int MinDistinctCharacters = 8;

    public AuthMode Mode { get; set; } = AuthMode.Token;

    /// <summary>The sign-in token ("Auth__Token" in the environment); when unset a random one is made at start.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// Other origins whose cookie requests are accepted, e.g. "https://lab.example.org" when a TLS
    /// proxy in front changes the scheme or host the app sees.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>How long the sign-in cookie lasts without use.</summary>
    public int CookieDays { get; set; } = 7;

    /// <summary>
    /// With <see cref="Mode"/> None, the app refuses to start on an address other than loopback
    /// (anyone on the network would control it) unless this is true; host filtering then admits
    /// only loopback names unless AllowedHosts names others.
    /// </summary>
    public bool AllowAnonymousNetwork { get; set; }

    /// <summary>Most viewers signed in through read-only links at once, across every link.</summary>
    public int MaxViewers { get; set; } = 50;

    /// <summary>How long a new read-only viewer link (and every sign-in made with it) lasts.</summary>
    public int ViewerLinkHours { get; set; } = 8;

    /// <summary>Upper bound of <see cref="MaxViewers"/>.</summary>
    public const int MaxMaxViewers = 1_000;

    /// <summary>Upper bound of <see cref="ViewerLinkHours"/>: a week.</summary>
    public const int MaxViewerLinkHours = 168;
}
