using Dashboard.Web.Runs.Host;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog;
using Serilog.Events;

namespace Dashboard.Web.Logging;

/// <summary>
/// Serilog for the whole app: levels and enrichers from the "Serilog" configuration section,
/// console plus a rolling file under the data folder's logs/. Built from the service provider
/// (not a static bootstrap logger) so several hosts can run in one test process. An event that
/// carries <see cref="ConsoleOnlyProperty"/> (the login link, which holds the token) goes to the
/// console only, never to the file.
/// </summary>
public static class DashboardLogging
{
    /// <summary>A property whose events the log file never receives: the login link with the sign-in token.</summary>
    public const string ConsoleOnlyProperty = "LoginLink";

    private const string OutputTemplate =
        "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static WebApplicationBuilder AddDashboardLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<DataFolder>();
        var configuration = builder.Configuration;
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                var logs = services.GetRequiredService<DataFolder>().Logs;
                logger.ReadFrom.Configuration(configuration)
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext()
                    // A refused start is printed once, as one sentence, by Program (exit code 2).
                    .Filter.ByExcluding(e => e.Exception is StartupRefusedException)
                    .WriteTo.Console(outputTemplate: OutputTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
                    .WriteTo.Logger(file => file
                        .Filter.ByExcluding(Serilog.Filters.Matching.WithProperty(ConsoleOnlyProperty))
                        .WriteTo.File(
                            Path.Combine(logs, "dashboard-.log"),
                            outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}",
                            formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                            rollingInterval: RollingInterval.Day,
                            rollOnFileSizeLimit: true,
                            fileSizeLimitBytes: 50L * 1024 * 1024,
                            retainedFileCountLimit: 14,
                            shared: true));
            },
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// One structured line per request (method, path, status, elapsed). The SignalR and Blazor
    /// circuit connections and static files go at Debug: they are long-lived or countless.
    /// </summary>
    public static WebApplication UseDashboardRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            // The static Log.Logger is left alone (see AddDashboardLogging), so name the app's logger.
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : IsQuiet(context.Request.Path) ? LogEventLevel.Debug
                : LogEventLevel.Information;
        });
        return app;
    }

    private static bool IsQuiet(PathString path) =>
        path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_framework")
        || path.StartsWithSegments("/_content") || path.StartsWithSegments("/sim") || Path.HasExtension(path.Value);
}
