using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// Refuses, at start-up: a token that is too short, too long, or too plain (fewer than
/// <see cref="AuthOptions.MinDistinctCharacters"/> different characters: "aaaaaaaaaaaaaaaa" is
/// 16 characters long and one guess away), a cookie lifetime, viewer cap or viewer link lifetime out of range, and sign-in off on a
/// network address unless that is asked for (checked when the server listens: <see cref="AnonymousNetworkGuard"/>).
/// </summary>
public sealed class ValidateAuthOptions : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        if (options.Token is { } token && !string.IsNullOrEmpty(token)
            && (token.Length < AuthOptions.MinTokenLength || token.Length > AuthOptions.MaxTokenLength || token.Any(char.IsWhiteSpace)))
        {
            errors.Add($"{AuthOptions.SectionName}:Token must be {AuthOptions.MinTokenLength} to {AuthOptions.MaxTokenLength} characters without spaces (it has {token.Length}).");
        }

        if (options.Token is { Length: > 0 } plain && plain.Distinct().Count() < AuthOptions.MinDistinctCharacters)
        {
            errors.Add($"{AuthOptions.SectionName}:Token must use at least {AuthOptions.MinDistinctCharacters} different characters (it uses {plain.Distinct().Count()}): a token like that is guessed quickly. Leave it unset for a random one, or use e.g. `openssl rand -base64 32`.");
        }

        if (options.CookieDays is < 1 or > 90)
        {
            errors.Add($"{AuthOptions.SectionName}:CookieDays is {options.CookieDays}; it must be between 1 and 90.");
        }

        if (options.MaxViewers is < 1 or > AuthOptions.MaxMaxViewers)
        {
            errors.Add($"{AuthOptions.SectionName}:MaxViewers is {options.MaxViewers}; it must be between 1 and {AuthOptions.MaxMaxViewers}.");
        }

        if (options.ViewerLinkHours is < 1 or > AuthOptions.MaxViewerLinkHours)
        {
            errors.Add($"{AuthOptions.SectionName}:ViewerLinkHours is {options.ViewerLinkHours}; it must be between 1 and {AuthOptions.MaxViewerLinkHours}.");
        }

        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add($"{AuthOptions.SectionName}:Mode must be Token or None.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
