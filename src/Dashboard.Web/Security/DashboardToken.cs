using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// The one secret that signs people and scripts in: "Auth:Token" when set, else 32 random bytes
/// made at start (base64url). Compared in constant time. Its <see cref="Stamp"/> goes into every
/// sign-in cookie, so a new token ends every session signed in under the old one.
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

        // A keyed hash, so the cookie (encrypted anyway) never carries anything the token can be found from.
        Stamp = Convert.ToBase64String(HMACSHA256.HashData(_expected, "dashboard session stamp v1"u8)[..16]);
    }

    /// <summary>Derived from the token: the same for the same token, different for any other.</summary>
    public string Stamp { get; }

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
