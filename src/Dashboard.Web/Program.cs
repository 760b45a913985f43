using Dashboard.Web;

// `dotnet run --project src/Dashboard.Web -- bench ...` runs the headless benchmark instead of the web app.
if (args.Length > 0 && args[0] == "bench")
{
    return await Dashboard.Web.Bench.BenchCommand.RunAsync(args[1..]);
}

var app = DashboardWebApplication.Build(args);
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
