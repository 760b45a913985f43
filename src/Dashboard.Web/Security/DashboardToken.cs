using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// The one secret that signs people and scripts in: "Auth:Token" when set, else 32 random bytes
/// made at start (base64url). Compared in constant time.
/// </summary>
public sealed class DashboardToken
{
    private readonly byte[] _expected;

    public DashboardToken(IOptions<AuthOptions> options)
    {
        var configured = options.Value.Token;
        Value = string.IsNullOrEmpty(configured) ? NewToken() : configured;
        Generated = string.IsNullOrEmpty(configured);
        _expected = Encoding.UTF8.GetBytes(Value);
    }

    public string Value { get; }

    /// <summary>True when no token was configured and this one was made at start.</summary>
    public bool Generated { get; }

    public bool Matches(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate) || candidate.Length > AuthOptions.MaxTokenLength)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _expected);
    }

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
