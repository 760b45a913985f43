// The bare C# program of the million-task experiment: N tasks that each wait S seconds with
// Task.Delay, awaited together with Task.WhenAll. Prints one JSON line: tasks and wall seconds.
// Run: dotnet run delay_whenall.cs -- N S (or build it once: dotnet build delay_whenall.cs -o out).
using System.Diagnostics;

var n = int.Parse(args[0]);
var wait = TimeSpan.FromSeconds(double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
var clock = Stopwatch.StartNew();
var tasks = new Task[n];
for (var i = 0; i < n; i++)
{
    tasks[i] = Task.Delay(wait);
}

await Task.WhenAll(tasks);
Console.WriteLine($"{{\"program\":\"csharp-async\",\"tasks\":{n},\"wall\":{clock.Elapsed.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}}}");
