namespace Dashboard.Web.Security;

/// <summary>How people and scripts prove they may use the dashboard (configuration "Auth:Mode").</summary>
public enum AuthMode
{
    /// <summary>A secret token: the login link sets a cookie, scripts send it as a bearer token. The default.</summary>
    Token,

    /// <summary>
    /// No sign-in at all: loopback only (the app refuses to start on a network address unless
    /// Auth:AllowAnonymousNetwork is true), host names filtered to loopback ones, a warning at start
    /// naming every address it listens on.
    /// </summary>
    None,
}
