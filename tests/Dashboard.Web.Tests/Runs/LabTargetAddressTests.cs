using Dashboard.Web.Runs.Execution;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Web.Tests.Runs;

public sealed class LabTargetAddressTests
{
    [Theory]
    [InlineData("http://0.0.0.0:5000", "http://127.0.0.1:5000/sim/")]
    [InlineData("http://[::]:5001", "http://127.0.0.1:5001/sim/")]
    [InlineData("http://+:5002", "http://127.0.0.1:5002/sim/")]
    [InlineData("http://*:5003", "http://127.0.0.1:5003/sim/")]
    [InlineData("http://localhost:5004", "http://127.0.0.1:5004/sim/")]
    [InlineData("http://127.0.0.1:5005", "http://127.0.0.1:5005/sim/")]
    [InlineData("http://[::1]:5006", "http://[::1]:5006/sim/")]
    public void Resolve_ServerAddress_LoopbackSimUrl(string address, string expected)
    {
        var target = new LabTargetAddress(new ConfigurationBuilder().Build(), new AddressesServer(address));
        Assert.Equal(expected, target.Resolve());
    }

    [Fact]
    public void Resolve_HttpsAndHttp_PrefersHttp()
    {
        var target = new LabTargetAddress(new ConfigurationBuilder().Build(), new AddressesServer("https://0.0.0.0:7001", "http://0.0.0.0:7000"));
        Assert.Equal("http://127.0.0.1:7000/sim/", target.Resolve());
    }

    [Fact]
    public void Resolve_Configured_WinsAndGetsTrailingSlash()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Lab:TargetBaseUrl"] = "http://10.0.0.5:8080/sim" })
            .Build();
        Assert.Equal("http://10.0.0.5:8080/sim/", new LabTargetAddress(configuration, new AddressesServer("http://0.0.0.0:5000")).Resolve());
    }

    [Fact]
    public void Resolve_NoAddress_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new LabTargetAddress(new ConfigurationBuilder().Build(), new AddressesServer()).Resolve());
        Assert.Contains("Lab:TargetBaseUrl", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A server that only reports addresses (the resolver reads nothing else).</summary>
    private sealed class AddressesServer : IServer
    {
        public AddressesServer(params string[] addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }

            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public void Dispose()
        {
        }

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
