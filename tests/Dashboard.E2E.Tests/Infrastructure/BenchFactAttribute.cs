namespace Dashboard.E2E.Tests.Infrastructure;

/// <summary>A benchmark that prints figures: skipped unless the environment has BENCH=1.</summary>
public sealed class BenchFactAttribute : FactAttribute
{
    public BenchFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("BENCH") != "1")
        {
            Skip = "Benchmark: run with BENCH=1 to print its figures.";
        }
    }
}
