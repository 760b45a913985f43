using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Tests.Runs;
using Xunit.Abstractions;

namespace Dashboard.Web.Tests.Bench;

/// <summary>
/// The million-task experiment (N tasks that each sleep S seconds) in the lab beside our own bare
/// programs of it (tests/bare: C# Task.Delay + WhenAll, C# threads, Python asyncio.gather, Python
/// threads): wall time and the peak resident memory of the whole process tree, sampled every 20 ms,
/// with bytes per task = (peak at N - peak at 1) / (N - 1), printed with the lab's ratios to the
/// bare programs. BARE_TASKS (default 100,000) and BARE_SECONDS (default 10) set the size; threads
/// run at most 10,000. Goal at 1,000,000 x 10 s: lab async wall at most 10.5 s and at most 1.5x
/// the bare C# program's bytes per task. The Python twin runs at most <see cref="PythonTwins.MaxTasks"/>
/// tasks; it is compared with bare asyncio at its own size.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class BareProgramsBenchmark(ITestOutputHelper output)
{
    private static readonly string BareFolder = FindBareFolder();

    [BenchmarkFact]
    public async Task SleepingTasks_LabBesideBarePrograms_WallAndBytesPerTask()
    {
        var tasks = int.Parse(Environment.GetEnvironmentVariable("BARE_TASKS") ?? "100000", CultureInfo.InvariantCulture);
        var seconds = double.Parse(Environment.GetEnvironmentVariable("BARE_SECONDS") ?? "10", CultureInfo.InvariantCulture);
        var threads = Math.Min(tasks, 10_000);
        var build = Directory.CreateTempSubdirectory("bare-programs-").FullName;
        try
        {
            var csharpAsync = await BuildAsync("delay_whenall.cs", build);
            var csharpThreads = await BuildAsync("threads_sleep.cs", build);
            var s = seconds.ToString(CultureInfo.InvariantCulture);
            var lab = ServerProcess.FindServerDll();
            string[] Bench(int n, string runtime) =>
            [
                lab, "bench", "--workload", "hello", "--tasks", n.ToString(CultureInfo.InvariantCulture),
                "--delay-ms", ((int)(seconds * 1000)).ToString(CultureInfo.InvariantCulture), "--strategies", "async",
                "--runtime", runtime, "--repeat", "1", "--warmup", "0", "--output-dir", build,
            ];

            var rows = new List<(string Name, int Tasks, Measure One, Measure Many)>
            {
                ("bare C# async (Task.Delay + WhenAll)", tasks, await RunAsync("dotnet", [csharpAsync, "1", s]), await RunAsync("dotnet", [csharpAsync, $"{tasks}", s])),
                ("lab async (.NET)", tasks, await RunAsync("dotnet", Bench(1, "dotnet")), await RunAsync("dotnet", Bench(tasks, "dotnet"))),
                ("bare Python asyncio.gather", tasks, await RunAsync("python3", [Path.Combine(BareFolder, "asyncio_gather.py"), "1", s]),
                    await RunAsync("python3", [Path.Combine(BareFolder, "asyncio_gather.py"), $"{tasks}", s])),
                ("bare C# threads", threads, await RunAsync("dotnet", [csharpThreads, "1", s]), await RunAsync("dotnet", [csharpThreads, $"{threads}", s])),
                ("bare Python threads", threads, await RunAsync("python3", [Path.Combine(BareFolder, "threads_sleep.py"), "1", s]),
                    await RunAsync("python3", [Path.Combine(BareFolder, "threads_sleep.py"), $"{threads}", s])),
            };
            // The twin runs at most PythonTwins.MaxTasks; above that, bare asyncio runs at the twin's size
            // too, so the two Python rows compare like with like.
            var pythonTasks = Math.Min(tasks, PythonTwins.MaxTasks);
            if (pythonTasks < tasks)
            {
                rows.Add(("bare Python asyncio.gather", pythonTasks, rows[2].One,
                    await RunAsync("python3", [Path.Combine(BareFolder, "asyncio_gather.py"), $"{pythonTasks}", s])));
            }

            rows.Add(("lab async (Python twin)", pythonTasks, await RunAsync("dotnet", Bench(1, "python")), await RunAsync("dotnet", Bench(pythonTasks, "python"))));

            output.WriteLine($"{tasks:N0} tasks (threads {threads:N0}) sleeping {s} s each; {Environment.ProcessorCount} cores; load {Load()}");
            output.WriteLine($"{"program",-40} {"tasks",10} {"wall s",8} {"peak MB",8} {"bytes/task",11}");
            foreach (var (name, n, one, many) in rows)
            {
                output.WriteLine($"{name,-40} {n,10:N0} {many.Wall,8:0.00} {many.PeakBytes / 1048576.0,8:0} {BytesPerTask(one, many, n),11:N0}");
            }

            var bare = rows[0];
            var labRow = rows[1];
            output.WriteLine($"lab async / bare C# async: wall x{labRow.Many.Wall / bare.Many.Wall:0.00}, bytes per task x{BytesPerTask(labRow.One, labRow.Many, tasks) / BytesPerTask(bare.One, bare.Many, tasks):0.00} (goal: wall <= 10.5 s at 10 s sleeps, bytes x1.5 at most)");
            var bareAsyncio = pythonTasks < tasks ? rows[^2] : rows[2];
            var twin = rows[^1];
            output.WriteLine($"lab Python twin / bare asyncio at {pythonTasks:N0}: wall x{twin.Many.Wall / bareAsyncio.Many.Wall:0.00}, bytes per task x{BytesPerTask(twin.One, twin.Many, pythonTasks) / BytesPerTask(bareAsyncio.One, bareAsyncio.Many, pythonTasks):0.00}" +
                (pythonTasks < tasks ? $" (the twin runs at most {PythonTwins.MaxTasks:N0} tasks: {PythonTwins.MaxTasksWhy})" : ""));
            output.WriteLine("Walls: a bare program's own clock around its tasks; the lab's measured wall of the async repetition. Peaks: the whole process tree (runtime, the lab's simulated targets, a twin's interpreter).");
        }
        finally
        {
            Directory.Delete(build, recursive: true);
        }
    }

    private static double BytesPerTask(Measure one, Measure many, int tasks) =>
        tasks <= 1 ? 0 : Math.Max(0, many.PeakBytes - one.PeakBytes) / (double)(tasks - 1);

    /// <summary>Builds a file-based C# program from tests/bare in a folder outside the repository (no repository props), returning its dll.</summary>
    private static async Task<string> BuildAsync(string file, string build)
    {
        var source = Path.Combine(build, "src-" + Path.GetFileNameWithoutExtension(file));
        Directory.CreateDirectory(source);
        File.Copy(Path.Combine(BareFolder, file), Path.Combine(source, file));
        var output = Path.Combine(build, "out-" + Path.GetFileNameWithoutExtension(file));
        var result = await RunAsync("dotnet", ["build", Path.Combine(source, file), "-c", "Release", "-o", output, "-nologo", "-v", "q"]);
        Assert.True(result.ExitCode == 0, $"dotnet build {file} failed: {result.Output}");
        return Path.Combine(output, Path.ChangeExtension(file, ".dll"));
    }

    /// <summary>Runs a program to its end, sampling the resident memory of it and its children every 20 ms.</summary>
    private static async Task<Measure> RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        while (!process.HasExited && !timeout.IsCancellationRequested)
        {
            peak = Math.Max(peak, TreeRssBytes(process.Id));
            await Task.Delay(20);
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        var wall = clock.Elapsed.TotalSeconds;
        var text = await stdout;
        // A bare program prints its own wall (without the runtime's start); the lab's progress line has the
        // run's ("  async  1/1  18.8 s  1000000 ok"), read there because --json would add its own memory.
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("{\"program\"", StringComparison.Ordinal))
            {
                wall = JsonDocument.Parse(line).RootElement.GetProperty("wall").GetDouble();
            }
            else if (Regex.Match(line, @"^\s+(?:python-)?async\s+1/1\s+([0-9.]+) (ms|s)\b") is { Success: true } match)
            {
                wall = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) / (match.Groups[2].Value == "ms" ? 1000 : 1);
            }
        }

        return new Measure(wall, peak, process.ExitCode, text + await stderr);
    }

    private static long TreeRssBytes(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(d => d!.All(char.IsAsciiDigit)))
        {
            try
            {
                var text = File.ReadAllText($"/proc/{stat}/stat");
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(int.Parse(stat!, CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        long total = 0;
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                if (line is not null)
                {
                    total += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
            catch (IOException)
            {
            }

            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                pending.Push(child);
            }
        }

        return total;
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static string FindBareFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var bare = Path.Combine(folder.FullName, "tests", "bare");
            if (File.Exists(Path.Combine(bare, "delay_whenall.cs")))
            {
                return bare;
            }
        }

        throw new DirectoryNotFoundException("tests/bare not found above the test's folder.");
    }

    private sealed record Measure(double Wall, long PeakBytes, int ExitCode, string Output);
}
