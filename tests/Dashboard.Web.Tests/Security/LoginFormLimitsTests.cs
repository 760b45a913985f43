using System.Net;
using System.Text;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Security;

/// <summary>An anonymous oversize sign-in form is a 413 or 400 with problem details: never a 500, never a stack trace in the log.</summary>
public sealed class LoginFormLimitsTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = new();
    private HttpClient _anonymous = null!;

    public Task InitializeAsync()
    {
        _anonymous = Browserlike.Create(_factory.BaseAddress, out _);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _anonymous.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task FiveMegabyteField_Declared_Returns413Problem()
    {
        using var form = new StringContent("token=" + new string('x', 5 * 1024 * 1024), Encoding.ASCII, "application/x-www-form-urlencoded");

        using var response = await _anonymous.PostAsync(new Uri("/login", UriKind.Relative), form);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await AssertLogHasNoErrorAsync();
    }

    [Fact]
    public async Task OversizeField_Chunked_Returns413Problem()
    {
        // 100 KB, past the 8 KB cap: small enough that the socket takes it all before the early 413
        // (a 5 MB chunked body can meet the closed connection mid-send, a client-side broken pipe).
        using var form = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes("token=" + new string('x', 100 * 1024))));
        form.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/login", UriKind.Relative)) { Content = form };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _anonymous.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await AssertLogHasNoErrorAsync();
    }

    [Fact]
    public async Task ThousandsOfSmallFields_Returns400Problem()
    {
        var fields = string.Join('&', Enumerable.Range(0, 1_000).Select(i => $"f{i}=1"));
        using var form = new StringContent(fields, Encoding.ASCII, "application/x-www-form-urlencoded");

        using var response = await _anonymous.PostAsync(new Uri("/login", UriKind.Relative), form);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        await AssertLogHasNoErrorAsync();
    }

    [Fact]
    public async Task NormalForm_StillSignsIn()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = _factory.Token, ["returnUrl"] = "/history" });

        using var response = await _anonymous.PostAsync(new Uri("/login", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    private async Task AssertLogHasNoErrorAsync()
    {
        var log = await AppLog.ReadAsync(_factory.DataDirectory, "POST /login responded");
        Assert.Contains("POST /login responded", log, StringComparison.Ordinal);
        Assert.DoesNotContain("[ERR]", log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
    }
}
