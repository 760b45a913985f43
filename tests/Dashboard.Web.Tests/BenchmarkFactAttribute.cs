namespace Dashboard.Web.Tests;

/// <summary>
/// A benchmark, not a test: it prints figures and asserts nothing about speed. Skipped unless the
/// environment variable BENCH=1 is set (run: BENCH=1 dotnet test --filter Category=Benchmark
/// --logger "console;verbosity=detailed").
/// </summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("BENCH") != "1")
        {
            Skip = "Benchmark: set BENCH=1 to run it (prints figures, asserts nothing about speed).";
        }
    }
}
