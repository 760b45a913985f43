namespace Dashboard.Web.Bench;

/// <summary>The text of `bench --help`.</summary>
public static class BenchHelp
{
    public const string Text = """
        Usage: dotnet run --project src/Dashboard.Web -c Release -- bench [flags]

        Runs one workload with several strategies, one after another, against the simulated targets
        (started in-process on a loopback port unless --target-url), prints a table and optionally JSON.

        Workload
          --workload genre|power|scrape|hello   what each task does (default genre)
          --preset tutorial|quick|stress        ready-made parameters of the workload (default: the workload's defaults)
          --tasks N                             tasks (genre tasks, power count, scrape pages, hello tasks)
          --start N                             power: first i of i^i (default 1,000,000)
          --engine managed|gmp                  power: arithmetic (default gmp where present)
          --delay-ms N                          hello: wait per task
          --name S                              hello: who to greet
          --latency-ms N                        genre/scrape: latency of the targets (default genre 280, page 200)
          --page-kb N                           scrape: page size in KB (default 100)
          --target-url URL                      genre/scrape: use these targets, e.g. http://127.0.0.1:5000/sim/

        Strategies
          --strategies a,b,...|all              sequential, threads, threadpool, async, parallel, processes,
                                                async-processes (default all)
          --threads N                           threadpool size (default min(32, cores + 4))
          --async-cap N                         async: at most N tasks in flight (default uncapped)
          --degree N                            parallel: degree (default cores)
          --processes N                         processes / async-processes: worker count (default cores)

        Measuring
          --repeat N                            measured repetitions per strategy (default 1)
          --warmup N                            unmeasured repetitions first (default 0)
          --json PATH                           also write the results as JSON
          --keep-output                         keep the run's temp output folder
          --help, -h                            this text

        Exit codes: 0 all tasks ok and outputs checked; 1 a task or an output check failed;
        2 bad flags or values; 3 the run could not start; 130 cancelled (Ctrl+C).
        """;
}
