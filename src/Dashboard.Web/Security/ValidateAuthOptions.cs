using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>Refuses a token that is too short or too long, and a cookie lifetime out of range, at start-up.</summary>
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

        if (options.CookieDays is < 1 or > 90)
        {
            errors.Add($"{AuthOptions.SectionName}:CookieDays is {options.CookieDays}; it must be between 1 and 90.");
        }

        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add($"{AuthOptions.SectionName}:Mode must be Token or None.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
