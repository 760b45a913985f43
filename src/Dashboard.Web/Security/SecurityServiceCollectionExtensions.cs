using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>The trust boundary in front of everything: sign-in, same-site checks, limits, headers, errors, keys.</summary>
public static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddDashboardSecurity(this IServiceCollection services)
    {
        services.AddDashboardAuth();
        services.AddDashboardRateLimits();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(180));
        services.AddHostedService<DataFolderPermissions>();
        AnonymousNetworkGuard.AddAnonymousNetworkGuard(services);

        // Proxies allowed to name the real client; none unless configured (the defaults trust loopback).
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.SectionName)
            .Validate(s => !s.Problems().Any(), "ForwardedHeaders:KnownProxies and KnownNetworks must hold IP addresses and CIDR networks.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((forwarded, settings) =>
        {
            forwarded.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(IPNetwork.Parse(network));
            }
        });

        // Keys that sign the auth cookie and Blazor's circuit state survive restarts: kept under
        // the data folder (owner-only permissions), named for this app.
        services.AddDataProtection().SetApplicationName("ConcurrencyDashboard");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options =>
            {
                var directory = KeysDirectory(provider.GetRequiredService<DataFolder>());
                options.XmlRepository = new FileSystemXmlRepository(directory, provider.GetRequiredService<ILoggerFactory>());
            }));
        return services;
    }

    /// <summary>First of all: the real client's address from a configured proxy's headers (nothing otherwise).</summary>
    public static WebApplication UseDashboardForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    /// <summary>Outermost: errors as problem details or the error page, and the security headers on every response.</summary>
    public static WebApplication UseDashboardErrorsAndHeaders(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", CreateScopeForErrors = true });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeaders>();
        app.UseWhen(context => DashboardAuth.IsMachinePath(context.Request.Path), branch => branch.UseStatusCodePages());
        return app;
    }

    /// <summary>
    /// After the open static files: the same-site guard before anything acts, then authentication,
    /// authorization (the fallback policy) and rate limits on the endpoint that routing chose.
    /// </summary>
    public static WebApplication UseDashboardSignIn(this WebApplication app)
    {
        app.Use(AnonymousNetworkGuard.RefuseAnonymousNetworkAsync);
        app.UseMiddleware<SameOriginGuard>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseClientRateLimits();
        return app;
    }

    internal static DirectoryInfo KeysDirectory(DataFolder data)
    {
        var path = Path.Combine(data.Root, "keys");
        var directory = Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return directory;
    }
}
