// The bare C# threads program: N OS threads that each sleep S seconds, started then joined.
// Prints one JSON line: tasks and wall seconds. Meant for up to 10,000 threads (the lab's limit).
using System.Diagnostics;

var n = int.Parse(args[0]);
var wait = TimeSpan.FromSeconds(double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
var clock = Stopwatch.StartNew();
var threads = new Thread[n];
for (var i = 0; i < n; i++)
{
    threads[i] = new Thread(() => Thread.Sleep(wait));
    threads[i].Start();
}

foreach (var thread in threads)
{
    thread.Join();
}

Console.WriteLine($"{{\"program\":\"csharp-threads\",\"tasks\":{n},\"wall\":{clock.Elapsed.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}}}");
