namespace Dashboard.Web.Security;

/// <summary>The outcome of opening a viewer link: the link's id and end when a viewer was admitted, else why not.</summary>
public sealed record ViewerSignIn(string? LinkId, DateTimeOffset ExpiresAt, string? Refusal);
