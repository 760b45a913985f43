using Dashboard.Engine.Running;
using Dashboard.Engine.Tests.Workloads;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Workers;

/// <summary>Which worker the launcher starts: the Native AOT one when it is there, the dll otherwise.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes, /proc: the worker runs on Linux here
public sealed class WorkerLauncherTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Dll => Path.Combine(_dir.Path, WorkerLauncher.WorkerDllName);

    private string Native => Path.Combine(_dir.Path, WorkerLauncher.NativeWorkerFolder, "Dashboard.Worker");

    private void Lay(bool native, bool executable = true)
    {
        File.WriteAllText(Dll, "");
        if (native)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Native)!);
            File.WriteAllText(Native, "");
            File.SetUnixFileMode(Native, executable
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("auto")]
    [InlineData(" Auto ")]
    public void Choose_NativePresent_PicksNative(string? kind)
    {
        Lay(native: true);

        var launcher = new WorkerLauncher(null, _dir.Path, kind);

        Assert.True(launcher.IsNative);
        Assert.Equal(Native, launcher.WorkerPath);
        Assert.Equal(Native, launcher.CreateStartInfo().FileName);
        Assert.Empty(launcher.CreateStartInfo().ArgumentList);
    }

    [Fact]
    public void Choose_NativeMissing_PicksDllAndSaysWhy()
    {
        Lay(native: false);

        var launcher = new WorkerLauncher(null, _dir.Path, null);

        Assert.False(launcher.IsNative);
        Assert.Equal(Dll, launcher.WorkerPath);
        Assert.Contains("no native worker", launcher.Choice);
        var info = launcher.CreateStartInfo();
        Assert.Equal(WorkerLauncher.DotnetHostPath, info.FileName);
        Assert.Equal(["exec", Dll], info.ArgumentList);
    }

    [Fact]
    public void Choose_NativeNotExecutable_PicksDllAndSaysWhy()
    {
        Lay(native: true, executable: false);

        var launcher = new WorkerLauncher(null, _dir.Path, null);

        Assert.Equal(Dll, launcher.WorkerPath);
        Assert.Contains("not executable", launcher.Choice);
    }

    [Fact]
    public void Choose_KindDll_PicksDllEvenWithNativePresent()
    {
        Lay(native: true);

        var launcher = new WorkerLauncher(null, _dir.Path, "dll");

        Assert.False(launcher.IsNative);
        Assert.Equal(Dll, launcher.WorkerPath);
        Assert.Contains(WorkerLauncher.WorkerKindVariable + "=dll", launcher.Choice);
    }

    [Fact]
    public void Choose_KindNativeButMissing_FailsToStartWithClearError()
    {
        Lay(native: false);

        var launcher = new WorkerLauncher(null, _dir.Path, "native");

        Assert.Equal(Native, launcher.WorkerPath);
        var e = Assert.Throws<FileNotFoundException>(() => launcher.CreateStartInfo());
        Assert.Contains(Native, e.Message);
    }

    [Fact]
    public void Choose_UnknownKind_ThrowsWithTheAllowedValues()
    {
        var e = Assert.Throws<ArgumentException>(() => new WorkerLauncher(null, _dir.Path, "jit"));

        Assert.Contains("auto, dll or native", e.Message);
        Assert.Contains("jit", e.Message);
    }

    [Fact]
    public void Choose_ExplicitPath_WinsOverTheFolderLayout()
    {
        Lay(native: true);

        var launcher = new WorkerLauncher(Dll, _dir.Path, "native");

        Assert.Equal(Dll, launcher.WorkerPath);
        Assert.False(launcher.IsNative);
    }

    /// <summary>
    /// The build publishes the worker natively wherever clang or gcc is on PATH (NativeWorker.targets);
    /// the default launcher of this test project must then start that binary, else the dll.
    /// </summary>
    [Theory]
    [InlineData("auto")]
    [InlineData("dll")]
    public async Task Start_DefaultLayout_RunsTheChosenExecutableForARealJob(string kind)
    {
        var native = Path.Combine(AppContext.BaseDirectory, WorkerLauncher.NativeWorkerFolder, "Dashboard.Worker");
        var expectNative = kind == "auto" && HasCCompiler();
        Assert.Equal(expectNative || HasCCompiler(), File.Exists(native));

        var launcher = new WorkerLauncher(null, AppContext.BaseDirectory, kind);
        Assert.Equal(expectNative, launcher.IsNative);

        var job = new WorkerJob(new HelloParameters(2, "Native", 1_500), new WorkloadEnvironment("http://127.0.0.1:9/sim/", _dir.Path),
            WorkerMode.Sequential, [0, 1], null, "processes", 0, false);
        await using var worker = WorkerProcess.Start(launcher, job, TimeSpan.FromSeconds(5));
        string? executable = null;
        var completed = new List<string?>();
        var exit = await worker.RunAsync(m =>
        {
            switch (m)
            {
                case WorkerReady ready:
                    // Read while the worker is alive: each of its two tasks sleeps 1.5 s after this, so a
                    // loaded machine (four test assemblies at once on 2 cores) still reads it in time.
                    executable = new FileInfo($"/proc/{ready.ProcessId}/exe").LinkTarget;
                    break;
                case WorkerTaskMessage { Kind: TaskEventKind.Started } when executable is null:
                    executable = new FileInfo($"/proc/{worker.ProcessId}/exe").LinkTarget;
                    break;
                case WorkerTaskMessage { Kind: TaskEventKind.Completed } t:
                    completed.Add(t.Detail);
                    break;
            }
        }, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(0, exit);
        Assert.Equal(["Hello, Native!", "Hello, Native!"], completed);
        if (expectNative)
        {
            Assert.Equal(native, executable);
        }
        else
        {
            Assert.Equal("dotnet", Path.GetFileName(executable));
        }
    }

    private static bool HasCCompiler() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "clang")) || File.Exists(Path.Combine(dir, "gcc")));
}
