using System.Diagnostics;
using System.Text;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Workloads;

public sealed class SharedFileAppenderTests
{
    /// <summary>A record that shows tearing: its id repeated to a length that varies up to ~8 KB.</summary>
    private static string RecordText(int id) =>
        string.Concat(Enumerable.Repeat($"r{id:D5}-", 1 + (id * 37 % 1_000))) + "\t";

    private static void AssertEveryRecordOnceAndWhole(string path, int count)
    {
        var records = File.ReadAllText(path).Split('\t');
        Assert.Equal(string.Empty, records[^1]);
        var whole = records[..^1];
        Assert.Equal(count, whole.Length);
        var ids = whole.Select(r =>
        {
            var id = int.Parse(r.AsSpan(1, 5), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(RecordText(id), r + "\t");
            return id;
        }).Order().ToList();
        Assert.Equal(Enumerable.Range(0, count), ids);
    }

    [Fact]
    public void Append_ManyThreadsAtOnce_EveryRecordOnceAndWhole()
    {
        using var dir = new TempDirectory();
        var path = dir.File("wiki_titles.tsv");
        const int Records = 2_000;

        Parallel.For(0, Records, new ParallelOptions { MaxDegreeOfParallelism = 64 }, id =>
            SharedFileAppender.Append(path, Encoding.UTF8.GetBytes(RecordText(id)), CancellationToken.None));

        AssertEveryRecordOnceAndWhole(path, Records);
    }

    [Fact]
    public async Task AppendAndAppendAsync_Mixed_EveryRecordOnceAndWhole()
    {
        using var dir = new TempDirectory();
        var path = dir.File("wiki_titles.tsv");
        const int Records = 2_000;

        // Odd ids from 8 dedicated blocking threads, even ids as async appends, all at once.
        // Dedicated threads, not 1,000 Task.Run items: blocked pool threads would starve the
        // async continuations (and every other test) on a busy 2-core machine.
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (var id = (2 * t) + 1; id < Records; id += 16)
            {
                SharedFileAppender.Append(path, Encoding.UTF8.GetBytes(RecordText(id)), CancellationToken.None);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        await Task.WhenAll(Enumerable.Range(0, Records / 2).Select(i =>
            SharedFileAppender.AppendAsync(path, Encoding.UTF8.GetBytes(RecordText(2 * i)), CancellationToken.None).AsTask()));
        threads.ForEach(t => t.Join());

        AssertEveryRecordOnceAndWhole(path, Records);
    }

    [Fact]
    public void AppendLocked_ManyFileStreamsWithoutTheInProcessGate_EveryRecordOnceAndWhole()
    {
        // Bypasses the in-process gate: each call opens its own FileStream with FileShare.None,
        // which on Linux is an flock per open file, the same exclusion separate processes get.
        using var dir = new TempDirectory();
        var path = dir.File("wiki_titles.tsv");
        const int Records = 1_000;

        Parallel.For(0, Records, new ParallelOptions { MaxDegreeOfParallelism = 16 }, id =>
            SharedFileAppender.AppendLocked(path, Encoding.UTF8.GetBytes(RecordText(id)), CancellationToken.None));

        AssertEveryRecordOnceAndWhole(path, Records);
    }

    [Fact]
    public async Task Append_AnotherProcessHoldsTheLock_WaitsAndAppendsAfterIt()
    {
        // A real second process (util-linux flock, the same flock(2) .NET uses for FileShare.None)
        // takes the file's exclusive lock, appends its own record after a while, then releases.
        using var dir = new TempDirectory();
        var path = dir.File("wiki_titles.tsv");
        File.WriteAllText(path, "");
        var start = new ProcessStartInfo("flock")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // The path goes in through the environment, so no quoting can go wrong.
        start.Environment["TSV"] = path;
        foreach (var arg in new[] { "-x", path, "-c", "echo locked; sleep 1; printf 'other\\t' >> \"$TSV\"" })
        {
            start.ArgumentList.Add(arg);
        }

        using var other = Process.Start(start)!;
        try
        {
            Assert.Equal("locked", await other.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));

            SharedFileAppender.Append(path, "ours\t"u8, CancellationToken.None);
            await other.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(0, other.ExitCode);

            // Our append could only happen once the other process released the lock.
            Assert.Equal("other\tours\t", File.ReadAllText(path));
        }
        finally
        {
            if (!other.HasExited)
            {
                other.Kill();
            }
        }
    }

    [Fact]
    public void Append_CancelledWhileAnotherWriterHoldsTheFile_ThrowsOperationCanceled()
    {
        using var dir = new TempDirectory();
        var path = dir.File("wiki_titles.tsv");
        using var holder = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None);
        using var cts = new CancellationTokenSource();
        cts.CancelAfter(TimeSpan.FromMilliseconds(100));

        Assert.ThrowsAny<OperationCanceledException>(() =>
            SharedFileAppender.AppendLocked(path, "x\t"u8, cts.Token));
    }
}
