using Dashboard.Cluster.Hosting;
using Dashboard.Web.Api;
using Dashboard.Web.Components;
using Dashboard.Web.Hubs;
using Dashboard.Web.Logging;
using Dashboard.Web.Routes;
using Dashboard.Web.Runs.Execution;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Security;
using Dashboard.Web.Simulation;
using Dashboard.Web.Storage;
using Dashboard.Web.Telemetry;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;

namespace Dashboard.Web;

/// <summary>Builds the dashboard host; Program.cs and the tests both start it from here.</summary>
public static class DashboardWebApplication
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Everything the app writes (database, logs, keys, calibration, outputs) is its user's alone.
        PrivateFiles.RestrictNewFiles();
        var builder = WebApplication.CreateBuilder(args);

        // Run from the build output (`dotnet run`) outside Development, the framework's and
        // MudBlazor's files are only known through the static web assets manifest there; a
        // published app has them in wwwroot and no manifest, and this does nothing.
        if (!builder.Environment.IsDevelopment())
        {
            builder.WebHost.UseStaticWebAssets();
        }

        builder.AddDashboardLogging();
        builder.Services.AddRunService(builder.Configuration);
        builder.Services.AddLabCluster(sp => LabNodeTargets.For(sp.GetRequiredService<LabTargetAddress>()));
        builder.Services.AddRunHub();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSimulatedTargets(builder.Configuration);
        builder.Services.AddDashboardStorage();
        builder.Services.AddRunPersistence();
        builder.Services.AddRunsApi();
        builder.Services.AddDashboardSecurity();
        builder.Services.AddDashboardTelemetry(builder.Configuration);

        // Liveness for the container HEALTHCHECK and orchestrators: 200 "Healthy" once the app serves.
        builder.Services.AddHealthChecks();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseDashboardForwardedHeaders();
        app.UseDashboardRequestLogging();
        app.UseDashboardErrorsAndHeaders();

        // An unknown page address (or a run id that is not a number) gets the app's own not-found
        // page with its 404, not an empty response; the API and the hubs keep their problem details.
        app.UseWhen(context => !DashboardAuth.IsMachinePath(context.Request.Path),
            branch => branch.UseStatusCodePagesWithReExecute(AppRoutes.NotFound, createScopeForStatusCodePages: true));

        // Routing after the re-execution above (the implicit routing would run first, and a
        // re-executed request would then find no endpoint and answer an empty 404).
        app.UseRouting();

        // Open without sign-in: hand-written assets (before the sign-in middleware on purpose).
        app.UseStaticFiles(new StaticFileOptions
        {
            // wwwroot-assets/ is copied next to the app at build and publish (see the csproj).
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot-assets")),
            RequestPath = "/assets",
        });
        app.UseDashboardSignIn();
        app.UseAntiforgery();

        // Every endpoint needs the sign-in (the fallback policy) unless it says AllowAnonymous here.
        app.MapStaticAssets().AllowAnonymous();
        app.MapLogin();
        app.MapSimulatedTargets();
        app.MapTargetCapabilities();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapRunHub();
        app.MapOpenApi();
        app.MapRunsApi();
        app.MapViewerLinks();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        DashboardAuth.LogLoginLinks(app);
        return app;
    }
}
