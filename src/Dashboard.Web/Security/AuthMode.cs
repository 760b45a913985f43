namespace Dashboard.Web.Security;

/// <summary>How people and scripts prove they may use the dashboard (configuration "Auth:Mode").</summary>
public enum AuthMode
{
    /// <summary>A secret token: the login link sets a cookie, scripts send it as a bearer token. The default.</summary>
    Token,

    /// <summary>No sign-in at all (a warning at start names every address it listens on).</summary>
    None,
}
