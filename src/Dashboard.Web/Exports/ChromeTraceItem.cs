namespace Dashboard.Web.Exports;

/// <summary>One task span placed on the time axis and on a track.</summary>
internal readonly record struct ChromeTraceItem(int Result, int Span, long StartNs, long EndNs, int Track);
