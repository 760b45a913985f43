namespace Dashboard.Web.Exports;

/// <summary>One named track: a (process, synthetic thread id) pair.</summary>
internal sealed record ChromeTraceTrack(int Pid, int Tid, string Name);
