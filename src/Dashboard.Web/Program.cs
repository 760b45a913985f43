using Dashboard.Web;

// `dotnet run --project src/Dashboard.Web -- bench ...` runs the headless benchmark instead of the web app.
if (args.Length > 0 && args[0] == "bench")
{
    return await Dashboard.Web.Bench.BenchCommand.RunAsync(args[1..]);
}

try
{
    var app = DashboardWebApplication.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is StartupRefusedException or Microsoft.Extensions.Options.OptionsValidationException
    && System.Reflection.Assembly.GetEntryAssembly() == typeof(Program).Assembly)
{
    // A refused configuration is the user's to fix: say what and exit 2, no stack trace. (Under a
    // test host the entry assembly is the test runner's, and the exception goes to the test.)
    await Console.Error.WriteLineAsync($"The dashboard refused to start: {ex.Message}");
    return 2;
}

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
