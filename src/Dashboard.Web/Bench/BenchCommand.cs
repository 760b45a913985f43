namespace Dashboard.Web.Bench;

/// <summary>The headless `bench` verb (placeholder until the engine lands).</summary>
public static class BenchCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("bench: not built yet");
        return Task.FromResult(2);
    }
}
